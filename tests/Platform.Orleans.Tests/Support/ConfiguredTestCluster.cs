using Orleans.TestingHost;

namespace Platform.Orleans.Tests.Support;

/// <summary>
/// An in-process cluster a test class shares: a subclass says how many silos and how silos and client are configured;
/// starting, waiting for a stable membership and disposing are the same for every fixture.
/// </summary>
public abstract class ConfiguredTestCluster(short silos) : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public IGrainFactory Grains => Started.Client;

    /// <summary>The services of the silo at <paramref name="index"/>, in start order.</summary>
    public IServiceProvider SiloServices(int index) => ((InProcessSiloHandle)Started.Silos[index]).ServiceProvider;

    private InProcessTestCluster Started => _cluster ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(silos);
        Configure(builder);
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

    protected abstract void Configure(InProcessTestClusterBuilder builder);
}
