using Orleans.TestingHost;

namespace Platform.PostgreSql.Tests;

/// <summary>An xunit fixture: a fresh database (migrated by the silos themselves) and a cluster on it.</summary>
public abstract class PostgresCluster(short silos) : IAsyncLifetime
{
    private PostgresServer.Database? _database;
    private TestCluster? _cluster;

    public PostgresServer.Database Database => _database ?? throw new InvalidOperationException("The database is not created yet.");

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = _database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
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
