using Orleans.TestingHost;
using Platform.Orleans.Deadlocks;

namespace Platform.Orleans.Tests.Deadlocks;

/// <summary>Two silos and a client, all with deadlock detection, so call chains cross silos.</summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("Not started.")).Client;

    public IChainGrain Chain(string grainType, string key) => Grains.GetGrain<IChainGrain>(GrainId.Create(grainType, key));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddPlatformDeadlockDetection());
        builder.ConfigureClient(client => client.AddPlatformDeadlockDetection());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await _cluster.WaitForLivenessToStabilizeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
