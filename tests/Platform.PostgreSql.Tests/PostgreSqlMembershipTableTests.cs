using Platform.Runtime.Membership;

namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlMembershipTableTests(MigratedDatabase database) : MembershipTableContract, IClassFixture<MigratedDatabase>
{
    protected override IMembershipTable CreateTable(string clusterId) => new PostgreSqlMembershipTable(database.DataSource, clusterId);

    [Fact]
    public async Task Reads_never_fail_while_other_silos_change_the_table()
    {
        var table = CreateTable("busy");
        var silos = Enumerable.Range(0, 4).Select(i => new SiloAddress("127.0.0.1", 40_000 + i, 1)).ToList();
        foreach (var silo in silos)
        {
            var snapshot = await table.ReadAllAsync(CancellationToken.None);
            (await table.TryInsertAsync(new MembershipEntry(silo, "a", SiloStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []), snapshot.Version, CancellationToken.None)).ShouldBeTrue();
        }

        // Each silo re-reads and bumps the version with its own row, as voting and leaving silos do, all at once.
        var changes = 0;
        await Task.WhenAll(silos.Select(silo => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var snapshot = await table.ReadAllAsync(CancellationToken.None);
                var row = snapshot.Entries.Single(entry => entry.Silo == silo);
                if (await table.TryUpdateAsync(row with { IAmAliveTime = row.IAmAliveTime.AddSeconds(1) }, snapshot.Version, CancellationToken.None))
                {
                    Interlocked.Increment(ref changes);
                }
            }
        })));

        changes.ShouldBeGreaterThan(0);
        (await table.ReadAllAsync(CancellationToken.None)).Version.ShouldBe(silos.Count + changes);
    }
}
