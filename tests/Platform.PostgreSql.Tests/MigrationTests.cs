using Npgsql;

namespace Platform.PostgreSql.Tests;

public sealed class MigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Silos_starting_together_apply_each_migration_exactly_once()
    {
        await using var dataSource = database.CreateDataSource();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => new SchemaMigrator(dataSource).MigrateAsync()));

        results.SelectMany(applied => applied).Order().ShouldBe(SchemaMigrator.Migrations.Select(m => m.Version));
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM platform_schema_migrations");
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(SchemaMigrator.Migrations.Count);
        (await new SchemaMigrator(dataSource).MigrateAsync()).ShouldBeEmpty();
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_with_a_clear_error()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        var error = Should.Throw<ArgumentException>(() => Runtime.SiloServiceCollectionExtensions.AddPlatformSilo(
            services,
            silo => silo.AddPostgreSqlGrainStorage("Host=127.0.0.1;Bogus Keyword=1")));

        error.Message.ShouldStartWith("The PostgreSQL connection string is malformed:");
    }

    [Fact]
    public async Task The_migrated_schema_has_the_grain_state_table()
    {
        await using var dataSource = database.CreateDataSource();
        await new SchemaMigrator(dataSource).MigrateAsync();

        await using var command = dataSource.CreateCommand("SELECT to_regclass('grain_state') IS NOT NULL");
        ((bool)(await command.ExecuteScalarAsync())!).ShouldBeTrue();
        NpgsqlConnection.ClearAllPools();
    }
}
