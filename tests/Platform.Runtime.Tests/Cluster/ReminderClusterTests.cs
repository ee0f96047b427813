using Microsoft.Extensions.DependencyInjection;
using Platform.Invocation;
using Platform.Runtime.Membership;
using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

/// <summary>Reminders in a three-silo cluster with a shared table: fired by the grain's owner, moved when it goes away.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderClusterTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(300);
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task A_reminder_fires_only_on_the_silo_that_owns_its_grain_until_it_is_unregistered()
    {
        // Every silo re-reads the table every period here, so a silo that ignored ownership would schedule it too.
        await using var cluster = await StartAsync(QuickSync);
        var (grainId, owner) = await RegisterBeatAsync(cluster, "owned");
        (await cluster.ReminderTable.ReadAsync(grainId, "beat", CancellationToken.None)).ShouldNotBeNull("stored before the call returned");
        await Eventually.Until(() => Ticks("owned").Count >= 3, "three ticks arrived");

        foreach (var silo in cluster.Silos)
        {
            silo.Runtime.Reminders.IsScheduled(grainId, "beat").ShouldBe(silo.Address == owner, $"only the owner fires it; {silo.Address} is checked");
        }

        Ticks("owned").ShouldAllBe(tick => tick.Silo == owner.ToString());
        Ticks("owned").Select(tick => tick.Time).ShouldBeUnique();

        await cluster.GrainFactory.GetGrain<IPlacedReminderGrain>("owned").Unregister("beat");
        (await cluster.ReminderTable.ReadAsync(grainId, "beat", CancellationToken.None)).ShouldBeNull("removed before the call returned");
        cluster.Silos.ShouldAllBe(silo => !silo.Runtime.Reminders.IsScheduled(grainId, "beat"));
    }

    [Fact]
    public async Task When_the_owner_is_killed_the_reminder_keeps_firing_on_the_new_owner_without_repeating_a_tick()
    {
        await using var cluster = await StartAsync();
        var (grainId, owner) = await RegisterBeatAsync(cluster, "survivor");
        await Eventually.Until(() => Ticks("survivor").Count >= 2, "the owner fired the reminder");

        await cluster.KillSiloAsync(cluster.Silos.Single(silo => silo.Address == owner));
        await Eventually.Until(() => cluster.Silos.All(silo => !silo.ClusterView!.IsActive(owner)), "the survivors declare the owner dead", TimeSpan.FromSeconds(8));
        var newOwner = OwnerOf(cluster, grainId);
        await Eventually.Until(() => Ticks("survivor").Count(tick => tick.Silo == newOwner.ToString()) >= 2, "the new owner fires the reminder");

        cluster.Silos.Single(silo => silo.Address == newOwner).Runtime.Reminders.IsScheduled(grainId, "beat").ShouldBeTrue();
        Ticks("survivor").Select(tick => tick.Time).ShouldBeUnique("no tick is delivered twice, before, during or after the failover");
    }

    [Fact]
    public async Task When_the_owner_leaves_the_reminder_moves_to_the_new_owner()
    {
        await using var cluster = await StartAsync();
        var (grainId, owner) = await RegisterBeatAsync(cluster, "mover");

        await cluster.StopSiloAsync(cluster.Silos.Single(silo => silo.Address == owner));
        await Eventually.Until(() => cluster.Silos.All(silo => !silo.ClusterView!.IsActive(owner)), "the others drop the silo that left");
        var newOwner = OwnerOf(cluster, grainId);

        await Eventually.Until(() => Ticks("mover").Any(tick => tick.Silo == newOwner.ToString()), "the new owner fires the reminder");
        Ticks("mover").Select(tick => tick.Time).ShouldBeUnique();
    }

    [Fact]
    public async Task A_reminder_registered_on_a_silo_that_does_not_own_the_grain_is_fired_by_the_owner_without_activating_it_first()
    {
        await using var cluster = await StartAsync(QuickSync);
        var grainId = ((GrainReference)cluster.GrainFactory.GetGrain<IPlacedReminderGrain>("stray")).GrainId;
        var owner = OwnerOf(cluster, grainId);
        var stranger = cluster.Silos.First(silo => silo.Address != owner);

        // What a registration during a view change looks like: made where the grain ran, on a silo that no longer owns it.
        await stranger.Runtime.Reminders.RegisterOrUpdateAsync(grainId, "beat", TimeSpan.Zero, Period);
        stranger.Runtime.Reminders.IsScheduled(grainId, "beat").ShouldBeFalse();

        await Eventually.Until(() => Ticks("stray").Count >= 2, "the owner picked the reminder up at its periodic sync");
        Ticks("stray").ShouldAllBe(tick => tick.Silo == owner.ToString());
        cluster.Silos.Single(silo => silo.Address == owner).Runtime.Reminders.IsScheduled(grainId, "beat").ShouldBeTrue();
    }

    /// <summary>
    /// The other tests keep the 30 s default, so that what moves a reminder within them can only be the view change.
    /// </summary>
    private static void QuickSync(SiloOptions options) => options.ReminderSyncPeriod = Period;

    /// <summary>Registers reminder "beat" through the grain, which runs on its owner.</summary>
    private static async Task<(GrainId GrainId, SiloAddress Owner)> RegisterBeatAsync(InProcessTestCluster cluster, string key)
    {
        var grain = cluster.GrainFactory.GetGrain<IPlacedReminderGrain>(key);
        await grain.Register("beat", TimeSpan.Zero, Period);
        var grainId = ((GrainReference)grain).GrainId;
        return (grainId, OwnerOf(cluster, grainId));
    }

    private static SiloAddress OwnerOf(InProcessTestCluster cluster, GrainId grainId) => cluster.PrimarySilo.Runtime.Cluster!.OwnerOf(grainId)!.Value;

    private List<(string Silo, long Time)> Ticks(string key) => _probe.Events
        .Select(e => e.Split('|'))
        .Where(parts => parts[0] == PlacedReminderGrain.EventPrefix && parts[1] == key)
        .Select(parts => (parts[2], long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    private async Task<InProcessTestCluster> StartAsync(Action<SiloOptions>? options = null)
    {
        var builder = InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(ReminderClusterTests).Assembly)
            .ConfigureServices(services => services.AddSingleton(_probe))
            .WithClusterSilos(["a", "b", "c"]);
        if (options is not null)
        {
            builder.ConfigureOptions(options);
        }

        var cluster = await builder.BuildAndStartAsync();
        await Eventually.Until(() => cluster.Silos.All(silo => silo.ClusterView!.ActiveSilos.Count == 3), "all three silos see each other");
        return cluster;
    }
}
