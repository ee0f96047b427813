using Platform.Runtime.Membership;
using Platform.Tests.Shared;
using static Platform.Tests.Shared.MembershipTestCluster;

namespace Platform.Runtime.Tests.Membership;

public sealed class MembershipRobustnessTests
{
    [Fact]
    public async Task Voters_that_lose_version_races_still_converge()
    {
        var shared = new InMemoryMembershipTable();
        var racing = new FaultyMembershipTable(shared);
        await using var cluster = new MembershipTestCluster(shared);
        await cluster.JoinAsync(Silo(1), "a", through: racing);
        await cluster.JoinAsync(Silo(2), "b");
        await cluster.JoinAsync(Silo(3), "c");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));

        // More lost races than one vote retries: silo 1 gives up once and votes again a period later.
        racing.LoseNextRaces(7);
        await cluster.CrashAsync(Silo(3));
        var declared = await cluster.AdvanceUntilAsync(IsDead(Silo(3)), TimeSpan.FromSeconds(10));

        declared.ShouldBe(TimeSpan.FromSeconds(5), "a period later than without the races");
        (await cluster.RowAsync(Silo(3))).SuspectVotes.Select(vote => vote.Voter).Order(SiloRing.Order).ShouldBe([Silo(1), Silo(2)]);
    }

    [Fact]
    public async Task Table_failures_are_retried_next_period_and_do_not_stop_the_loops()
    {
        var shared = new InMemoryMembershipTable();
        var flaky = new FaultyMembershipTable(shared);
        await using var cluster = new MembershipTestCluster(shared);
        var first = await cluster.JoinAsync(Silo(1), "a", through: flaky);
        await cluster.JoinAsync(Silo(2), "b");
        await cluster.JoinAsync(Silo(3), "c");
        await first.RefreshNowAsync(CancellationToken.None);

        flaky.FailNext(6);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));
        var heartbeat = (await cluster.RowAsync(Silo(1))).IAmAliveTime;
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));

        (await cluster.RowAsync(Silo(1))).IAmAliveTime.ShouldBeGreaterThan(heartbeat);
        await cluster.CrashAsync(Silo(3));
        await cluster.AdvanceUntilAsync(IsDead(Silo(3)), TimeSpan.FromSeconds(10));
        (await cluster.RowAsync(Silo(3))).SuspectVotes.ShouldContain(vote => vote.Voter == Silo(1));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));
        first.CurrentView.Silos.ShouldBe([Silo(1), Silo(2)]);
    }
}
