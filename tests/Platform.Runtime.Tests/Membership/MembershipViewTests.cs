using Platform.Runtime.Membership;
using Platform.Tests.Shared;
using static Platform.Tests.Shared.MembershipTestCluster;

namespace Platform.Runtime.Tests.Membership;

public sealed class MembershipViewTests
{
    [Fact]
    public async Task Joined_silos_share_one_view_and_a_leaving_silo_drops_out_of_it()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b", "c");
        var changes = new List<ClusterView>();
        agents[0].ViewChanged += changes.Add;

        foreach (var agent in agents)
        {
            agent.CurrentView.Silos.ShouldBe([Silo(1), Silo(2), Silo(3)]);
            agent.CurrentView.Zones.ShouldBe(["a", "b", "c"]);
            agent.CurrentView.Version.ShouldBe(agents[0].CurrentView.Version);
        }

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));
        changes.ShouldBeEmpty("heartbeats alone do not change the view");

        await agents[2].LeaveAsync(CancellationToken.None);
        (await cluster.RowAsync(Silo(3))).Status.ShouldBe(SiloStatus.Dead);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));

        agents[0].CurrentView.Silos.ShouldBe([Silo(1), Silo(2)]);
        agents[1].CurrentView.Zones.ShouldBe(["a", "b"]);
        changes.ShouldHaveSingleItem().Silos.ShouldBe([Silo(1), Silo(2)]);
    }

    [Fact]
    public async Task A_restarted_incarnation_declares_the_previous_one_dead_as_it_joins()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b", "c");
        await cluster.CrashAsync(Silo(3));

        await cluster.JoinAsync(Silo(3, generation: 2), "c");

        (await cluster.RowAsync(Silo(3))).Status.ShouldBe(SiloStatus.Dead);
        (await cluster.RowAsync(Silo(3, generation: 2))).Status.ShouldBe(SiloStatus.Active);
        await agents[0].RefreshNowAsync(CancellationToken.None);
        agents[0].CurrentView.Silos.ShouldBe([Silo(1), Silo(2), Silo(3, generation: 2)]);
    }

    [Fact]
    public void Each_silo_probes_the_next_ones_on_the_ring_so_every_silo_has_as_many_probers()
    {
        var silos = Enumerable.Range(1, 5).Select(port => Silo(port)).ToList();
        var view = ClusterView.From(new MembershipSnapshot(1, silos.Select(Entry).Reverse().ToList()), null);

        var targets = silos.ToDictionary(silo => silo, silo => SiloRing.ProbeTargets(view, silo, 2));

        targets[Silo(1)].ShouldBe([Silo(2), Silo(3)]);
        targets[Silo(5)].ShouldBe([Silo(1), Silo(2)]);
        silos.ShouldAllBe(silo => targets.Values.Count(probed => probed.Contains(silo)) == 2);
        SiloRing.ProbeTargets(view, Silo(9), 10).ShouldBe(silos, "a silo not on the ring yet probes everyone after its place");
    }

    private static MembershipEntry Entry(SiloAddress silo) =>
        new(silo, "a", SiloStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);
}
