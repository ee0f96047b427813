using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Runtime.Membership;
using Platform.Runtime.Tests.Grains;
using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FailoverTests
{
    [Fact]
    public async Task A_crashed_silo_is_declared_dead_and_its_grains_come_back_without_losing_acknowledged_writes()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b", "c"]);
        var client = await cluster.ConnectClientAsync();

        var keys = Enumerable.Range(0, 90).Select(i => $"durable-{i}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var writers = keys.Select(key => Task.Run(async () =>
        {
            var grain = client.GetGrain<IPlacedCounterGrain>(key);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var value = await grain.Add(1);
                    acknowledged.AddOrUpdate(key, value, (_, previous) => Math.Max(previous, value));
                }
                catch (Exception exception) when (exception is SiloUnavailableException or GrainCallTimeoutException or InconsistentStateException)
                {
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        await Eventually.Until(() => acknowledged.Count == keys.Length, "every grain took a write before the crash");
        var victim = cluster.Silos[1];
        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);

        await Eventually.Until(
            () => cluster.Silos.All(silo => !silo.ClusterView!.IsActive(victim.Address)),
            "the survivors declare the crashed silo dead",
            TimeSpan.FromSeconds(15));
        var detected = clock.Elapsed;
        var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        table.Entries.Single(entry => entry.Silo == victim.Address).Status.ShouldBe(SiloStatus.Dead);

        // Every grain is reachable again on the survivors.
        var survivors = cluster.Silos.Select(silo => silo.Address.ToString()).ToHashSet();
        await Eventually.Until(async () =>
        {
            foreach (var key in keys)
            {
                try
                {
                    if (!survivors.Contains(await client.GetGrain<IPlacedCounterGrain>(key).Host()))
                    {
                        return false;
                    }
                }
                catch (SiloUnavailableException)
                {
                    return false;
                }
            }

            return true;
        }, "every grain answers from a surviving silo", TimeSpan.FromSeconds(15));

        stop.Cancel();
        await Task.WhenAll(writers);
        foreach (var key in keys)
        {
            var stored = await client.GetGrain<IPlacedCounterGrain>(key).Get();
            stored.ShouldBeGreaterThanOrEqualTo(acknowledged[key], $"{key}: an acknowledged write was lost");
        }

        detected.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a crashed silo is declared dead within 10 s by default rules");
    }

    [Fact]
    public async Task A_silo_that_leaves_gracefully_is_removed_from_every_view_at_once()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b"]);
        var leaving = cluster.Silos[1];
        var address = leaving.Address;
        await cluster.StopSiloAsync(leaving);

        var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        table.Entries.Single(entry => entry.Silo == address).Status.ShouldBe(SiloStatus.Dead);
        await Eventually.Until(() => cluster.PrimarySilo.ClusterView!.ActiveSilos.Count == 1, "the survivor drops the silo that left");
        (await cluster.PrimarySilo.GrainFactory.GetGrain<IPlacedCounterGrain>("after-leave").Add(2)).ShouldBe(2);
    }
}
