using System.Collections.Concurrent;
using Platform.Runtime.Tests.Grains;
using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests
{
    [Fact]
    public async Task Restarting_every_silo_in_turn_under_load_fails_no_call_and_runs_none_twice()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b", "c"], options => options.DrainQuietPeriod = TimeSpan.FromSeconds(1.5));
        var client = await cluster.ConnectClientAsync();

        var keys = Enumerable.Range(0, 60).Select(i => $"rolling-{i}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var writers = keys.Select(key => Task.Run(async () =>
        {
            var grain = client.GetGrain<IPlacedCounterGrain>(key);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await grain.Add(1);
                    acknowledged.AddOrUpdate(key, 1, (_, count) => count + 1);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            }
        })).ToArray();

        await Eventually.Until(() => acknowledged.Count == keys.Length, "every grain took a write");
        foreach (var zone in new[] { "a", "b", "c" })
        {
            var old = cluster.Silos.Single(silo => silo.Runtime.Cluster!.Zone == zone);
            await cluster.StopSiloAsync(old);
            await cluster.StartSiloAsync(zone);
            await Eventually.Until(() => client.ActiveSilos.Count == 3 && cluster.Silos.All(silo => silo.ClusterView!.ActiveSilos.Count == 3), $"zone {zone}'s new silo joined");
            var before = acknowledged.Values.Sum();
            await Eventually.Until(() => acknowledged.Values.Sum() > before + 100, "writes go on after the restart");
        }

        stop.Cancel();
        await Task.WhenAll(writers);
        failures.ShouldBeEmpty($"calls failed during the rolling restart: {string.Join(" | ", failures.Take(3).Select(failure => failure.Message))}");
        foreach (var key in keys)
        {
            (await client.GetGrain<IPlacedCounterGrain>(key).Get()).ShouldBe(acknowledged[key], $"{key}: every acknowledged Add ran exactly once");
        }
    }
}
