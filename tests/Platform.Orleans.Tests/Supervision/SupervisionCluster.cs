using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Platform.Orleans.Supervision;
using Platform.Orleans.Tests.Support;

namespace Platform.Orleans.Tests.Supervision;

/// <summary>One silo with supervision, memory storage and a fake clock that the tests move by hand.</summary>
public sealed class SupervisionCluster() : ConfiguredTestCluster(1)
{
    public static readonly TimeSpan StopDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan QuarantineCoolDown = TimeSpan.FromSeconds(20);

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public ISupervisedGrain Grain(string grainType, string key) => Grains.GetGrain<ISupervisedGrain>(GrainId.Create(grainType, key));

    protected override void Configure(InProcessTestClusterBuilder builder)
    {
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
    }
}
