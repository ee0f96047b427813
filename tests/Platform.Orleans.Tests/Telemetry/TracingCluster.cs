using Orleans.TestingHost;
using Platform.Orleans.Hosting;
using Platform.Orleans.Tests.Support;

namespace Platform.Orleans.Tests.Telemetry;

/// <summary>Two silos and a client with all of the platform's extensions, as the silo host and the client SDK use them.</summary>
public sealed class TracingCluster() : ConfiguredTestCluster(2)
{
    protected override void Configure(InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo.AddPlatformExtensions());
        builder.ConfigureClient(client => client.AddPlatformExtensions());
    }
}
