using Orleans.TestingHost;

namespace Platform.PostgreSql.Tests;

/// <summary>
/// An xunit fixture: one in-process silo on <see cref="PostgreSqlBuilderExtensions.UsePlatformPostgreSql"/> for the
/// journaled grain scenarios (the testing host's own membership is fine here: these tests are about the journal).
/// </summary>
public sealed class PostgresJournalCluster : IAsyncLifetime
{
    private PostgresServer.Database? _database;
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _cluster = await JournalTestCluster.StartAsync(silo => silo.UsePlatformPostgreSql(_database.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
