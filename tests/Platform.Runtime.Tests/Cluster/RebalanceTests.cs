using System.Collections.Concurrent;
using Platform.Runtime.Tests.Grains;
using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RebalanceTests
{
    [Fact]
    public async Task After_scale_out_activations_spread_evenly_without_failed_calls_or_lost_state()
    {
        await using var cluster = await InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(RebalanceTests).Assembly)
            .WithClusterSilos(["a"], options => options.RebalanceRate = 200)
            .BuildAndStartAsync();
        var client = await cluster.ConnectClientAsync();
        var keys = Enumerable.Range(0, 300).Select(i => $"spread-{i}").ToArray();
        foreach (var key in keys)
        {
            (await client.GetGrain<IPlacedCounterGrain>(key).Add(1)).ShouldBe(1);
        }

        cluster.PrimarySilo.ActivationCount.ShouldBe(300);
        await cluster.StartSiloAsync("b");
        await cluster.StartSiloAsync("c");
        await Eventually.Until(() => client.ActiveSilos.Count == 3, "the client sees the new silos");

        // Keep every grain busy while it moves: no call may fail, and each keeps its count.
        var failures = new ConcurrentQueue<Exception>();
        var expected = 1;
        await Eventually.Until(async () =>
        {
            expected++;
            await Task.WhenAll(keys.Select(async key =>
            {
                try
                {
                    (await client.GetGrain<IPlacedCounterGrain>(key).Add(1)).ShouldBe(expected);
                }
                catch (Exception exception) when (exception is not ShouldAssertException)
                {
                    failures.Enqueue(exception);
                }
            }));
            var counts = cluster.Silos.Select(silo => silo.ActivationCount).ToList();
            return counts.Sum() == keys.Length && counts.All(count => count is >= 80 and <= 120);
        }, "each silo holds about a third of the grains", TimeSpan.FromSeconds(30));

        failures.ShouldBeEmpty();
    }
}
