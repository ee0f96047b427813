using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.PostgreSql.Tests;

public sealed class MigrationTests
{
    private static readonly string[] OrleansQueryKeys =
    [
        // Clustering (silos) and gateway discovery (clients).
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",

        // Grain storage.
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",

        // Reminders.
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task A_fresh_database_gets_every_migration_and_a_second_run_applies_none()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        (await new SchemaMigrator(dataSource).MigrateAsync()).ShouldBe(SchemaMigrator.Migrations.Select(m => m.Version));
        (await new SchemaMigrator(dataSource).MigrateAsync()).ShouldBeEmpty();

        SchemaMigrator.Migrations.Select(m => m.Version).ShouldBe(Enumerable.Range(1, SchemaMigrator.Migrations.Count));
        (await database.CountAsync("SELECT count(*) FROM platform_schema_migrations")).ShouldBe(SchemaMigrator.Migrations.Count);
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_migration_exactly_once()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new SchemaMigrator(dataSource).MigrateAsync())));

        results.SelectMany(applied => applied).Order().ShouldBe(SchemaMigrator.Migrations.Select(m => m.Version));
        (await database.CountAsync("SELECT count(*) FROM platform_schema_migrations")).ShouldBe(SchemaMigrator.Migrations.Count);
    }

    [Fact]
    public async Task Every_query_the_orleans_providers_read_is_present_and_nothing_else()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();

        var keys = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        keys.ShouldBe(OrleansQueryKeys, ignoreOrder: true);
    }

    [Fact]
    public async Task Membership_reads_return_the_version_row_even_without_members()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        await Run(dataSource, "InsertMembershipVersionKey", ("DeploymentId", "cluster-a"));

        var readAll = await Rows(dataSource, "MembershipReadAllKey", ("DeploymentId", "cluster-a"));
        var readRow = await Rows(dataSource, "MembershipReadRowKey", ("DeploymentId", "cluster-a"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 1));

        readAll.ShouldHaveSingleItem().ShouldBe(("cluster-a", null, 0));
        readRow.ShouldHaveSingleItem().ShouldBe(("cluster-a", null, 0));
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_with_a_clear_error()
    {
        var error = Should.Throw<ArgumentException>(() => new HostApplicationBuilder().UseOrleans(
            silo => silo.UsePlatformPostgreSql("Host=127.0.0.1;Bogus Keyword=1")));

        error.Message.ShouldStartWith("The PostgreSQL connection string is malformed:");
    }

    private static async Task<NpgsqlCommand> QueryAsync(NpgsqlDataSource dataSource, string key, (string Name, object Value)[] parameters)
    {
        string text;
        await using (var lookup = dataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1"))
        {
            lookup.Parameters.Add(new NpgsqlParameter { Value = key });
            text = (string)(await lookup.ExecuteScalarAsync())!;
        }

        var command = dataSource.CreateCommand(text);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task Run(NpgsqlDataSource dataSource, string key, params (string Name, object Value)[] parameters)
    {
        await using var command = await QueryAsync(dataSource, key, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string DeploymentId, string? Address, int Version)>> Rows(
        NpgsqlDataSource dataSource, string key, params (string Name, object Value)[] parameters)
    {
        await using var command = await QueryAsync(dataSource, key, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, int)>();
        while (await reader.ReadAsync())
        {
            var address = reader.GetOrdinal("Address");
            rows.Add((reader.GetString(reader.GetOrdinal("DeploymentId")), reader.IsDBNull(address) ? null : reader.GetString(address), reader.GetInt32(reader.GetOrdinal("Version"))));
        }

        return rows;
    }
}
