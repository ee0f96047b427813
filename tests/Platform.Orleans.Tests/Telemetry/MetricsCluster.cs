using Orleans.TestingHost;
using Platform.Orleans.Telemetry;
using Platform.Orleans.Tests.Support;

namespace Platform.Orleans.Tests.Telemetry;

/// <summary>One silo with per-method metrics.</summary>
public sealed class MetricsCluster() : ConfiguredTestCluster(1)
{
    protected override void Configure(InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo.AddPlatformGrainMethodMetrics());
        builder.ConfigureClient(client => client.AddActivityPropagation());
    }
}
