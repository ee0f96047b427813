using Orleans.TestingHost;
using Platform.Orleans.Hosting;
using Platform.Orleans.Tests.Support;

namespace Platform.Orleans.Tests.Telemetry;

/// <summary>One silo whose host added Orleans' own activity propagation beside the platform's extensions; a client with Orleans' only.</summary>
public sealed class OrleansTracingCluster() : ConfiguredTestCluster(1)
{
    protected override void Configure(InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo.AddPlatformExtensions().AddActivityPropagation());
        builder.ConfigureClient(client => client.AddActivityPropagation());
    }
}
