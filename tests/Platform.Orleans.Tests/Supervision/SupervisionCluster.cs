using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Platform.Orleans.Supervision;

namespace Platform.Orleans.Tests.Supervision;

/// <summary>One silo with supervision, memory storage and a fake clock that the tests move by hand.</summary>
public sealed class SupervisionCluster : IAsyncLifetime
{
    public static readonly TimeSpan StopDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan QuarantineCoolDown = TimeSpan.FromSeconds(20);

    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("Not started.")).Client;

    public ISupervisedGrain Grain(string grainType, string key) => Grains.GetGrain<ISupervisedGrain>(GrainId.Create(grainType, key));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.AddPlatformSupervision(options =>
            {
                options.StopDuration = StopDuration;
                options.QuarantineCoolDown = QuarantineCoolDown;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
