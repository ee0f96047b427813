using Platform.PostgreSql;

namespace Platform.Escrow.Tests;

/// <summary>A database of its own: grain state, the journal and the ledger tables in PostgreSQL; the simulated provider.</summary>
public sealed class PostgresEscrowCluster : EscrowCluster
{
    private PostgresServer.Database? _database;

    public PostgresServer.Database Database => _database ?? throw new InvalidOperationException("The database is not created yet.");

    public override async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureStorage(ISiloBuilder silo) => silo.UsePlatformPostgreSql(Database.ConnectionString).UsePlatformPostgreSqlLedger();
}
