using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Platform.Bench;

/// <summary>
/// A PostgreSQL server of this run alone (the binaries scripts/postgres.sh installs, a fresh data directory, a free
/// port on 127.0.0.1), so that stopping it for a fault leaves the shared server of other tests and runs alone.
/// Removed with its data when disposed.
/// </summary>
internal sealed class PostgresInstance : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _root;
    private readonly int _port;

    private PostgresInstance(DirectoryInfo root, int port)
    {
        _root = root;
        _port = port;
    }

    /// <summary>The server's maintenance database, for <see cref="BenchDatabase"/> to create a run's database in.</summary>
    public string ServerConnectionString =>
        $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    public static async Task<PostgresInstance> StartAsync()
    {
        if (!File.Exists(Path.Combine(Binaries, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed in {Binaries}; run scripts/postgres.sh once");
        }

        var root = Directory.CreateTempSubdirectory("platform-chaos-postgres-");
        var instance = new PostgresInstance(root, InProcessSilo.FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                // PostgreSQL refuses to run as root: the instance belongs to the postgres user, as in scripts/postgres.sh.
                await RunAsync("chown", ["postgres:postgres", root.FullName]);
            }

            await RunPostgresToolAsync("initdb", ["-D", instance.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
            await instance.StartServerAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fast shutdown (open sessions are ended), <paramref name="downtime"/> with no server, then a start.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        _root.Delete(recursive: true);
    }

    private Task StartServerAsync() => RunPostgresToolAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", Path.Combine(_root.FullName, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_port.ToString(CultureInfo.InvariantCulture)} -k {_root.FullName} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200",
        "start",
    ]);

    private static Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments) => Environment.IsPrivilegedProcess
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, tool), .. arguments])
        : RunAsync(Path.Combine(Binaries, tool), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        output.Append(await stdout).Append(await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with code {process.ExitCode}: {output.ToString().Trim()}");
        }
    }
}
