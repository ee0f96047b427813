using Orleans.TestingHost;
using Platform.Orleans.Deadlocks;
using Platform.Orleans.Tests.Support;

namespace Platform.Orleans.Tests.Deadlocks;

/// <summary>Two silos and a client, all with deadlock detection, so call chains cross silos.</summary>
public sealed class TwoSiloCluster() : ConfiguredTestCluster(2)
{
    public IChainGrain Chain(string grainType, string key) => Grains.GetGrain<IChainGrain>(GrainId.Create(grainType, key));

    protected override void Configure(InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo.AddPlatformDeadlockDetection());
        builder.ConfigureClient(client => client.AddPlatformDeadlockDetection());
    }
}
