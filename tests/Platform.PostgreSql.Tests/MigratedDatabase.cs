using Npgsql;

namespace Platform.PostgreSql.Tests;

/// <summary>An xunit fixture: a fresh database with the platform's schema and one data source, for tests of a provider on its own.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
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
