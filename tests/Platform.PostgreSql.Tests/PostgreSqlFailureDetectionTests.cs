using Platform.Runtime.Membership;
using Platform.Testing;
using static Platform.Tests.Shared.MembershipTestCluster;

namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlFailureDetectionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Three_agents_on_PostgreSQL_declare_a_crashed_silo_dead_within_ten_seconds()
    {
        await using var dataSource = database.CreateDataSource();
        await new SchemaMigrator(dataSource).MigrateAsync();
        var table = new FaultyMembershipTable(new PostgreSqlMembershipTable(dataSource, "detection"));

        // The table stores the times the agents pass in, so the manual clock works; the I/O is real, so each step waits
        // until the agents' calls (and their version races) are over.
        await using var cluster = new MembershipTestCluster(table) { Settle = () => Eventually.Until(() => table.IsQuiet, "the agents' table calls finished") };
        var agents = await cluster.StartAsync("a", "b", "c");
        agents.ShouldAllBe(agent => agent.CurrentView.Zones.SequenceEqual(new[] { "a", "b", "c" }));

        await cluster.CrashAsync(Silo(3));
        var declared = await cluster.AdvanceUntilAsync(IsDead(Silo(3)), TimeSpan.FromSeconds(10));

        declared.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
        (await cluster.RowAsync(Silo(3))).SuspectVotes.Select(vote => vote.Voter.Port).Order().ShouldBe([1, 2]);
        (await cluster.RowAsync(Silo(1))).Status.ShouldBe(SiloStatus.Active);
        (await cluster.RowAsync(Silo(2))).Status.ShouldBe(SiloStatus.Active);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));
        agents[0].CurrentView.Silos.ShouldBe([Silo(1), Silo(2)]);
        agents[1].CurrentView.Silos.ShouldBe([Silo(1), Silo(2)]);
    }
}
