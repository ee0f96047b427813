using System.Diagnostics;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Platform.Tests.Shared;

/// <summary>
/// The real PostgreSQL that scripts/postgres.sh provides: PLATFORM_TEST_POSTGRES when the test command set it, else the
/// script is run here, so a plain <c>dotnet test</c> works too. <see cref="CreateDatabaseAsync"/> gives a test a database
/// of its own, so what the silo migrates and writes never touches the shared <c>platform</c> database.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> ServerConnectionString = new(FindOrStartServer);

    /// <summary>A new, empty database on the server; disposing it drops it.</summary>
    public static async Task<Database> CreateDatabaseAsync()
    {
        var name = $"platform_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(OnDatabase("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new Database(name, OnDatabase(name));
    }

    private static string OnDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = database }.ConnectionString;

    public sealed record Database(string Name, string ConnectionString) : IAsyncDisposable
    {
        public async Task<long> CountAsync(string sql, params object[] parameters)
        {
            await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
            await using var command = dataSource.CreateCommand(sql);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(OnDatabase("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static string FindOrStartServer()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        // Test binaries may be built outside the checkout (--artifacts-path), so the search also starts from where this
        // file was compiled.
        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(ThisSourceDirectory());

        if (root is null)
        {
            throw new InvalidOperationException(
                "PLATFORM_TEST_POSTGRES is not set and the repository root (Platform.sln) is not found to run scripts/postgres.sh; "
                + "set it with: export PLATFORM_TEST_POSTGRES=$(bash scripts/postgres.sh | tail -1)");
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
            throw new InvalidOperationException($"PLATFORM_TEST_POSTGRES is not set and scripts/postgres.sh failed with exit code {script.ExitCode}.");
        }

        return output.Trim().Split('\n')[^1];
    }

    private static DirectoryInfo? FindRepositoryRoot(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }

        return directory;
    }

    private static string ThisSourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}
