using Platform.Runtime.Membership;
using Platform.Tests.Shared;
using static Platform.Tests.Shared.MembershipTestCluster;

namespace Platform.Runtime.Tests.Membership;

public sealed class FailureDetectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_crashed_silo_is_declared_dead_by_two_voters_within_ten_seconds()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b", "c");
        await cluster.AdvanceAsync(TimeSpan.FromMilliseconds(500));

        await cluster.CrashAsync(Silo(3));
        var declared = await cluster.AdvanceUntilAsync(IsDead(Silo(3)), Bound);

        // Probes at 1 s, 2 s and 3 s after join each time out a second later: the third miss and both votes come 3.5 s
        // after the crash.
        declared.ShouldBe(TimeSpan.FromSeconds(3.5));
        (await cluster.RowAsync(Silo(3))).SuspectVotes.Select(vote => vote.Voter).Order(SiloRing.Order).ShouldBe([Silo(1), Silo(2)]);
        agents[1].CurrentView.Silos.ShouldBe([Silo(1), Silo(2)], "the silo casting the deciding vote refreshes at once");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));
        agents[0].CurrentView.Silos.ShouldBe([Silo(1), Silo(2)]);
    }

    [Fact]
    public async Task In_a_two_silo_cluster_the_survivor_alone_declares_the_other_dead()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b");

        await cluster.CrashAsync(Silo(2));
        var declared = await cluster.AdvanceUntilAsync(IsDead(Silo(2)), Bound);

        declared.ShouldBeLessThanOrEqualTo(Bound);
        (await cluster.RowAsync(Silo(2))).SuspectVotes.ShouldHaveSingleItem().Voter.ShouldBe(Silo(1));
        agents[0].CurrentView.Silos.ShouldBe([Silo(1)]);
    }

    [Fact]
    public async Task When_two_silos_lose_sight_of_each_other_exactly_one_survives()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b");
        var fenced = 0;
        agents[1].Fenced += () => fenced++;

        cluster.Network.Isolate(Silo(2));
        await cluster.AdvanceUntilAsync(IsDead(Silo(2)), Bound);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));

        (await cluster.RowAsync(Silo(1))).Status.ShouldBe(SiloStatus.Active, "the loser saw itself dead and did not vote");
        fenced.ShouldBe(1);
    }

    [Fact]
    public async Task A_silo_that_died_while_joining_is_declared_dead_once_its_heartbeat_is_stale()
    {
        var table = new InMemoryMembershipTable();
        await using var cluster = new MembershipTestCluster(table);
        await cluster.StartAsync("a", "b", "c");
        var now = cluster.Time.GetUtcNow();
        var version = (await table.ReadAllAsync(CancellationToken.None)).Version;
        (await table.TryInsertAsync(new MembershipEntry(Silo(4), "d", SiloStatus.Joining, now, now, []), version, CancellationToken.None)).ShouldBeTrue();

        var declared = await cluster.AdvanceUntilAsync(IsDead(Silo(4)), Bound);

        // Nobody probes a Joining silo; the first refresh sees its heartbeat and, 8 s later, finds it unchanged.
        declared.ShouldBe(TimeSpan.FromSeconds(9));
        (await cluster.RowAsync(Silo(4))).SuspectVotes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_silo_whose_only_prober_died_with_it_is_still_declared_dead()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable(), new ClusterMembershipOptions { MaxProbedSilos = 1 });
        await cluster.StartAsync("a", "b", "c");

        // The ring is 1 → 2 → 3 → 1: silo 2's only prober is silo 1, and silo 3's vote alone is not enough against 1
        // while 2 still counts as active.
        await cluster.CrashAsync(Silo(1));
        await cluster.CrashAsync(Silo(2));
        var declared = await cluster.AdvanceUntilAsync(
            snapshot => IsDead(Silo(1))(snapshot) && IsDead(Silo(2))(snapshot),
            Bound);

        declared.ShouldBeLessThanOrEqualTo(Bound);
        (await cluster.RowAsync(Silo(3))).Status.ShouldBe(SiloStatus.Active);
    }

    [Fact]
    public async Task A_dropped_connection_counts_as_a_missed_probe_at_once()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b", "c");
        await cluster.AdvanceAsync(TimeSpan.FromMilliseconds(500));

        await cluster.CrashAsync(Silo(3));
        agents[0].ReportUnreachable(Silo(3));
        agents[1].ReportUnreachable(Silo(3));
        var declared = await cluster.AdvanceUntilAsync(IsDead(Silo(3)), Bound);

        declared.ShouldBe(TimeSpan.FromSeconds(2.5), "one probe period sooner than without the hint");
    }
}
