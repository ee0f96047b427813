namespace Platform.Bench.Tests;

/// <summary>
/// Points the bench at the PostgreSQL the tests use (scripts/postgres.sh, or PLATFORM_TEST_POSTGRES): the cluster
/// scenarios create and drop a database of their own per run on that server.
/// </summary>
public sealed class BenchPostgres : IAsyncLifetime
{
    private PostgresServer.Database? _database;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        Environment.SetEnvironmentVariable("PLATFORM_BENCH_POSTGRES", _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
