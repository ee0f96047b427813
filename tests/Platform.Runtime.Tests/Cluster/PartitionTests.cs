using Platform.Persistence;
using Platform.Runtime.Membership;
using Platform.Runtime.Tests.Grains;
using Platform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class PartitionTests
{
    [Fact]
    public async Task A_cut_off_silo_is_declared_dead_fences_itself_writes_nothing_more_and_rejoins_as_a_new_generation()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b", "c"]);
        var victim = cluster.Silos[1];
        var oldGeneration = victim.Address;
        var key = Enumerable.Range(0, 1_000).Select(i => $"partitioned-{i}")
            .First(candidate => victim.Runtime.Cluster!.OwnerOf(new GrainId("placedcounter", candidate)) == victim.Address);
        var onVictim = victim.GrainFactory.GetGrain<IPlacedCounterGrain>(key);
        (await onVictim.Add(1)).ShouldBe(1);
        var fenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        victim.Fenced += () => fenced.TrySetResult();

        // A turn on the victim that will try to write after the partition has cost the victim its ownership.
        var lateWrite = onVictim.AddAfter(10, TimeSpan.FromSeconds(6));
        cluster.PartitionSilo(victim);

        await fenced.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        table.Entries.Single(entry => entry.Silo == oldGeneration).Status.ShouldBe(SiloStatus.Dead);
        var survivors = cluster.Silos.Where(silo => silo != victim).ToList();
        await Eventually.Until(() => survivors.All(silo => !silo.ClusterView!.IsActive(oldGeneration)), "the majority no longer routes to the cut-off silo");

        // The majority takes the grain over from durable state, and the zombie's late write is refused.
        var onMajority = survivors[0].GrainFactory.GetGrain<IPlacedCounterGrain>(key);
        (await onMajority.Add(1)).ShouldBe(2);
        var refused = await Should.ThrowAsync<SiloUnavailableException>(() => lateWrite);
        refused.Message.ShouldContain("was declared dead by the cluster");
        var storage = survivors[0].Services.GetRequiredKeyedService<IGrainStorage>("Default");
        (await onMajority.Get()).ShouldBe(2);
        (await storage.ReadAsync(new GrainId("placedcounter", key), "counter", CancellationToken.None)).ShouldNotBeNull();

        // Healed, the process starts over and joins as a new generation of its zone.
        cluster.HealPartition(victim);
        await cluster.KillSiloAsync(victim);
        var rejoined = await cluster.StartSiloAsync("b");
        rejoined.Address.Generation.ShouldNotBe(oldGeneration.Generation);
        await Eventually.Until(() => cluster.Silos.All(silo => silo.ClusterView!.ActiveSilos.Count == 3), "the new generation joins the survivors");
        (await rejoined.GrainFactory.GetGrain<IPlacedCounterGrain>(key).Add(1)).ShouldBe(3);
    }
}
