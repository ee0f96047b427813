using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Platform.Matching.Hosting;

namespace Platform.Matching.Tests.Support;

/// <summary>
/// One in-process Orleans silo with matching on its embedded defaults (local embeddings, in-memory index) exactly as
/// <see cref="MatchingSiloBuilderExtensions.AddPlatformMatching"/> registers them; tests use tenants of their own.
/// </summary>
public sealed class MatchingCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public IGrainFactory Grains => Cluster.Client;

    public IFreelancerMatchIndex Index => Cluster.GetSiloServiceProvider().GetRequiredService<IFreelancerMatchIndex>();

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings =>
        Cluster.GetSiloServiceProvider().GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    private InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Matching:Dimensions"] = "256" })
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddPlatformMatching(configuration.GetSection("Matching")));
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
