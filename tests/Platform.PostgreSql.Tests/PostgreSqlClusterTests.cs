using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Storage;

namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlClusterTests(TwoSiloPostgresCluster fixture) : IClassFixture<TwoSiloPostgresCluster>
{
    private const int Active = 3;

    [Fact]
    public async Task Two_silos_migrate_a_fresh_database_and_join_as_active_members()
    {
        var clusterId = fixture.Cluster.Options.ClusterId;

        (await fixture.Database.CountAsync("SELECT count(*) FROM platform_schema_migrations")).ShouldBe(SchemaMigrator.Migrations.Count);
        (await fixture.Database.CountAsync("SELECT count(*) FROM orleans_membership_versions WHERE deployment_id = $1", clusterId)).ShouldBe(1);
        (await fixture.Database.CountAsync(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = $2", clusterId, Active)).ShouldBe(2);
    }

    [Fact]
    public async Task A_client_finds_both_gateways_in_the_membership_table()
    {
        var gateways = fixture.Cluster.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>();

        gateways.GetType().Name.ShouldBe("AdoNetGatewayListProvider");
        (await gateways.GetGateways()).Count.ShouldBe(2);
        (await fixture.Cluster.Client.GetGrain<ICounterGrain>("counter:via-gateway").Increment()).ShouldBe(1);
    }

    [Fact]
    public async Task Grain_state_is_written_to_the_table_and_read_back_by_a_new_activation()
    {
        var counter = fixture.Cluster.Client.GetGrain<ICounterGrain>("counter:reread");
        await counter.Increment();
        await counter.Increment();

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        (await counter.Get()).ShouldBe(2);
        (await fixture.Database.CountAsync(
            "SELECT version FROM orleans_grain_state WHERE state_name = 'pg-tests-counter' AND grain_id_string = 'counter:reread'")).ShouldBe(2);
    }

    [Fact]
    public async Task A_write_over_a_newer_version_fails_with_an_inconsistent_state_exception()
    {
        var counter = fixture.Cluster.Client.GetGrain<ICounterGrain>("counter:etag");
        await counter.Increment();

        // Another writer (say, a duplicate activation) moved the row on behind this activation's back.
        (await fixture.Database.CountAsync(
            "WITH moved AS (UPDATE orleans_grain_state SET version = version + 1 WHERE grain_id_string = 'counter:etag' RETURNING 1) " +
            "SELECT count(*) FROM moved")).ShouldBe(1);

        await Should.ThrowAsync<InconsistentStateException>(() => counter.Increment());
    }

    [Fact]
    public async Task A_registered_reminder_is_in_the_table_and_fires()
    {
        var alarm = fixture.Cluster.Client.GetGrain<IAlarmGrain>("alarm:1");

        await alarm.Arm(TimeSpan.FromSeconds(1));

        (await fixture.Database.CountAsync(
            "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'ring' AND period = 1000 AND service_id = $1",
            fixture.Cluster.Options.ServiceId)).ShouldBe(1);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await alarm.Rings() == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the reminder rings within seconds");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_database_error_reaches_the_caller_with_postgresql_s_message()
    {
        var grain = fixture.Cluster.Client.GetGrain<IDatabaseErrorGrain>("database-error");

        var error = await Should.ThrowAsync<OrleansException>(grain.FailAsAStateWriteDuringShutdown);

        // Without the silo allowing Npgsql's exceptions, the reply fails to serialize (CodecNotFoundException).
        error.Message.ShouldContain("WriteStateAsync");
        error.InnerException.ShouldBeOfType<Npgsql.PostgresException>();
    }
}
