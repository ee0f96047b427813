using Npgsql;

namespace Platform.Bench;

/// <summary>
/// A database of its own for one run on the PostgreSQL of scripts/postgres.sh (PLATFORM_BENCH_POSTGRES overrides the
/// server), so runs never see each other's membership rows or grain state; dropped afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>The server scripts/postgres.sh starts.</summary>
    private const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=postgres;Database=platform";

    private readonly string _name;
    private readonly string _serverConnectionString;

    private BenchDatabase(string name, string serverConnectionString, string connectionString)
    {
        _name = name;
        _serverConnectionString = serverConnectionString;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static Task<BenchDatabase> CreateAsync() =>
        CreateAsync(Environment.GetEnvironmentVariable("PLATFORM_BENCH_POSTGRES") is { Length: > 0 } given ? given : DefaultServer);

    /// <summary>A database on <paramref name="server"/> (a connection string to any of its databases).</summary>
    public static async Task<BenchDatabase> CreateAsync(string server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = $"platform_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        return new BenchDatabase(name, admin, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
