using Npgsql;

namespace Platform.PostgreSql.Tests;

/// <summary>An xunit fixture: a fresh database with the current schema and a data source on it, for one test class.</summary>
public sealed class MigratedPostgresDatabase : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = _database.CreateDataSource();
        await new SchemaMigrator(_dataSource).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
