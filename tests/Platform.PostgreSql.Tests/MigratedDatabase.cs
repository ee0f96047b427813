using Npgsql;

namespace Platform.PostgreSql.Tests;

/// <summary>An xunit fixture: a fresh database with the current schema and a data source on it, for one test class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private PostgresServer.Database? _database;
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(_dataSource).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
