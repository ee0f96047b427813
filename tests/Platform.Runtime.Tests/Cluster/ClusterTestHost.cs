using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

/// <summary>Starts clustered test silos with the test grains, one per zone, and waits until they all see each other.</summary>
internal static class ClusterTestHost
{
    public static async Task<InProcessTestCluster> StartAsync(string[] zones, Action<ClusterOptions>? configure = null)
    {
        var cluster = await InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(ClusterTestHost).Assembly)
            .WithClusterSilos(zones, configure)
            .BuildAndStartAsync();
        await Eventually.Until(() => cluster.Silos.All(silo => silo.ClusterView!.ActiveSilos.Count == zones.Length), "the silos see each other");
        return cluster;
    }
}
