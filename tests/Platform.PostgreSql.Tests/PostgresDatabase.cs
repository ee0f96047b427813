using System.Diagnostics;
using Npgsql;

namespace Platform.PostgreSql.Tests;

/// <summary>
/// A fresh database on the real PostgreSQL that scripts/postgres.sh provides (the test command starts it; a plain
/// <c>dotnet test</c> runs the script itself). Each test class gets its own database, dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private static readonly Lazy<string> ServerConnectionString = new(FindOrStartServer);
    private readonly string _name = $"platform_test_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = "postgres" };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = _name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string FindOrStartServer()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Platform.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Cannot find the repository root (Platform.sln) to run scripts/postgres.sh.");
        }

        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root.FullName, "scripts", "postgres.sh")])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = script.StandardOutput.ReadToEnd();
        script.WaitForExit();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh failed with exit code {script.ExitCode}.");
        }

        return output.Trim().Split('\n')[^1];
    }
}
