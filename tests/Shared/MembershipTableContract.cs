using Platform.Runtime.Membership;

namespace Platform.Tests.Shared;

/// <summary>
/// What every membership table must do, run against each implementation (in memory and PostgreSQL) so that tests on
/// in-process clusters and production agree. Tables with different cluster ids must not see each other.
/// </summary>
public abstract class MembershipTableContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    protected abstract IMembershipTable CreateTable(string clusterId);

    [Fact]
    public async Task Silos_join_heartbeat_and_leave_through_versioned_changes()
    {
        var table = CreateTable("join-leave");
        var silo = new SiloAddress("127.0.0.1", 11111, 1);

        var empty = await table.ReadAllAsync(CancellationToken.None);
        empty.Entries.ShouldBeEmpty();
        (await table.TryInsertAsync(Entry(silo, "a", SiloStatus.Active), empty.Version, CancellationToken.None)).ShouldBeTrue();
        await table.UpdateIAmAliveAsync(silo, Start.AddSeconds(5), CancellationToken.None);

        var joined = await table.ReadAllAsync(CancellationToken.None);
        joined.Version.ShouldBe(empty.Version + 1, "heartbeats do not move the version");
        var row = joined.Entries.ShouldHaveSingleItem();
        row.Silo.ShouldBe(silo);
        row.Zone.ShouldBe("a");
        row.IAmAliveTime.ShouldBe(Start.AddSeconds(5));

        (await table.TryUpdateAsync(row with { Status = SiloStatus.ShuttingDown }, joined.Version, CancellationToken.None)).ShouldBeTrue();
        (await table.ReadAllAsync(CancellationToken.None)).Entries.Single().Status.ShouldBe(SiloStatus.ShuttingDown);
    }

    [Fact]
    public async Task A_change_decided_on_a_stale_version_changes_nothing()
    {
        var table = CreateTable("stale");
        var a = new SiloAddress("127.0.0.1", 1, 1);
        var b = new SiloAddress("127.0.0.1", 2, 1);
        var view = await table.ReadAllAsync(CancellationToken.None);
        (await table.TryInsertAsync(Entry(a, "a", SiloStatus.Active), view.Version, CancellationToken.None)).ShouldBeTrue();

        (await table.TryInsertAsync(Entry(b, "b", SiloStatus.Active), view.Version, CancellationToken.None)).ShouldBeFalse();

        (await table.ReadAllAsync(CancellationToken.None)).Entries.Select(e => e.Silo).ShouldBe([a]);
    }

    [Fact]
    public async Task Suspect_votes_are_recorded_and_concurrent_voters_cannot_both_win_on_one_view()
    {
        var table = CreateTable("votes");
        var suspect = new SiloAddress("127.0.0.1", 3, 7);
        var view = await table.ReadAllAsync(CancellationToken.None);
        await table.TryInsertAsync(Entry(suspect, "c", SiloStatus.Active), view.Version, CancellationToken.None);
        view = await table.ReadAllAsync(CancellationToken.None);
        var row = view.Entries.Single();

        var voters = Enumerable.Range(1, 5).Select(port => new SiloAddress("127.0.0.1", 100 + port, 1)).ToList();
        var outcomes = await Task.WhenAll(voters.Select(voter =>
            table.TryUpdateAsync(row with { SuspectVotes = [new SuspectVote(voter, Start)] }, view.Version, CancellationToken.None)));

        outcomes.Count(won => won).ShouldBe(1);
        var votes = (await table.ReadAllAsync(CancellationToken.None)).Entries.Single().SuspectVotes;
        votes.ShouldHaveSingleItem().Voter.ShouldBeOneOf(voters.ToArray());
    }

    [Fact]
    public async Task Clusters_do_not_see_each_others_members()
    {
        var first = CreateTable("first");
        var second = CreateTable("second");
        var view = await first.ReadAllAsync(CancellationToken.None);
        await first.TryInsertAsync(Entry(new SiloAddress("127.0.0.1", 9, 1), "a", SiloStatus.Active), view.Version, CancellationToken.None);

        (await second.ReadAllAsync(CancellationToken.None)).Entries.ShouldBeEmpty();
    }

    private static MembershipEntry Entry(SiloAddress silo, string zone, SiloStatus status) =>
        new(silo, zone, status, Start, Start, []);
}
