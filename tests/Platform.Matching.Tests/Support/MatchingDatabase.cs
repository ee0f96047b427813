using Npgsql;
using Pgvector.Npgsql;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;

namespace Platform.Matching.Tests.Support;

/// <summary>
/// An xunit fixture: a fresh database with the platform's migrations and the matching column of
/// <see cref="MatchSamples.Dimensions"/> dimensions, and a pgvector-aware data source on it.
/// </summary>
public sealed class MatchingDatabase : IAsyncLifetime
{
    private PostgresServer.Database? _database;
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    public PostgresServer.Database Database => _database ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _dataSource = Open(_database.ConnectionString);
        await new SchemaMigrator(_dataSource).MigrateAsync();
        await new MatchingSchema(_dataSource).EnsureAsync(MatchSamples.Dimensions);
    }

    public static NpgsqlDataSource Open(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
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
