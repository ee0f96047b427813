using Npgsql;
using Pgvector.Npgsql;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;

namespace Platform.Bench;

/// <summary>
/// What the capacity scenario measures on, each started only when a chosen part needs it: a fresh database on the
/// PostgreSQL of scripts/postgres.sh (migrated, with the matching corpus when matching_queries runs), one silo process on
/// it with an Orleans client in this process, and one API process as a client of that silo. And the CPU probe of each.
/// </summary>
internal sealed class CapacityRig : IAsyncDisposable
{
    private const int MatchingSeed = 20_301;

    /// <summary>
    /// This process's connections at most: the server of scripts/postgres.sh is shared (200 connections in all) and the
    /// silo's pool alone may take 100. The journal's writers beyond it wait for a connection as they would for the lock.
    /// </summary>
    private const int PoolSize = 32;

    /// <summary>
    /// How long the client in this process waits for a grain call: a saturation run queues calls on purpose, and a call
    /// that waits is latency to measure, not a failure (the client SDK's 3 s is for failover).
    /// </summary>
    private static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] SiloParts =
        [GrainStateWritesPart.Name, MatchingJobsPart.Name, SiloCallsPart.Name, ApiRequestsPart.Name, SignalRConnectionsPart.Name];

    private static readonly string[] ApiParts = [ApiRequestsPart.Name, SignalRConnectionsPart.Name];

    private readonly BenchDatabase _database;
    private readonly NpgsqlDataSource _backendQueries;
    private BenchCluster? _cluster;
    private ApiProcess? _api;

    private CapacityRig(BenchDatabase database, NpgsqlDataSource dataSource)
    {
        _database = database;
        DataSource = dataSource;
        // Unpooled, so that reading the backends never borrows (and hides) a connection the measured work uses.
        _backendQueries = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        Postgres = CpuProbe.OfProcesses("postgres", BackendProcessIdsAsync);
    }

    /// <summary>A pool on the run's database that knows pgvector's types (the matching index needs them).</summary>
    public NpgsqlDataSource DataSource { get; }

    public MatchingWorkload Workload { get; } = new(MatchingSeed);

    /// <summary>Seconds to load the matching corpus and build its HNSW index (0 when no part needed it).</summary>
    public double CorpusLoadSeconds { get; private set; }

    public BenchCluster Cluster => _cluster ?? throw new InvalidOperationException("no chosen part needs a silo");

    public ApiProcess Api => _api ?? throw new InvalidOperationException("no chosen part needs the API");

    /// <summary>The backends serving this run's database: its share of PostgreSQL (the server's own background processes are not counted).</summary>
    public CpuProbe Postgres { get; }

    public CpuProbe Silo => CpuProbe.OfProcess("silo", Cluster.Silos[0].ProcessId);

    public CpuProbe ApiCpu => CpuProbe.OfProcess("api", Api.ProcessId);

    /// <summary>This process: the load generator, and the Orleans client or journal writer the parts drive.</summary>
    public static CpuProbe LoadGenerator { get; } = CpuProbe.OfProcess("bench", Environment.ProcessId);

    public static async Task<CapacityRig> StartAsync(IReadOnlyCollection<string> parts, CapacitySizes sizes)
    {
        var database = await BenchDatabase.CreateAsync();
        var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = PoolSize;
        builder.UseVector();
        var rig = new CapacityRig(database, builder.Build());
        try
        {
            await new SchemaMigrator(rig.DataSource).MigrateAsync();
            await new MatchingSchema(rig.DataSource).EnsureAsync(MatchingWorkload.Dimensions);
            if (parts.Contains(MatchingQueriesPart.Name))
            {
                CapacityScenario.Progress($"loading {sizes.Corpus} freelancers into the matching index");
                var (copySeconds, indexSeconds) = await MatchingLoader.LoadAsync(rig.DataSource, rig.Workload, sizes.Corpus);
                rig.CorpusLoadSeconds = copySeconds + indexSeconds;
            }

            if (parts.Any(SiloParts.Contains))
            {
                CapacityScenario.Progress("starting a silo process on the database");
                rig._cluster = await BenchCluster.StartAsync(database, ClientResponseTimeout, "a");
            }

            if (parts.Any(ApiParts.Contains))
            {
                CapacityScenario.Progress("starting an API process");
                rig._api = await ApiProcess.StartAsync(ApiHost.Configuration(rig.Cluster.ClusterId, gateway: rig.Cluster.Silos[0].Endpoint.Gateway), sizes.MaxConcurrency);
            }

            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes this process's idle connections: the parts after the journal and the queries must not find the server's connections taken.</summary>
    public void ReleaseIdleConnections() => DataSource.Clear();

    /// <summary>Connections open to the run's database (every pool of every process on it).</summary>
    public async Task<int> PostgresConnectionsAsync() => (await BackendProcessIdsAsync()).Count;

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await DataSource.DisposeAsync();
        await _backendQueries.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<IReadOnlyCollection<int>> BackendProcessIdsAsync()
    {
        await using var command = _backendQueries.CreateCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        await using var reader = await command.ExecuteReaderAsync();
        var processIds = new List<int>();
        while (await reader.ReadAsync())
        {
            processIds.Add(reader.GetInt32(0));
        }

        return processIds;
    }
}
