using Orleans.TestingHost;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Tests.Telemetry;

/// <summary>One silo with per-method metrics.</summary>
public sealed class MetricsCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("Not started.")).Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddPlatformGrainMethodMetrics());
        builder.ConfigureClient(client => client.AddActivityPropagation());
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
