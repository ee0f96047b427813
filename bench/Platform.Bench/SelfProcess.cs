using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// This benchmark's own executable started again in a hidden server mode (<see cref="BaselineServer"/> for
/// <c>remote-baseline</c>, <see cref="SiloServer"/> for the remote scenarios); it prints its port as its first line.
/// </summary>
internal sealed class SelfProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int _activations;

    private SelfProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<SelfProcess> StartAsync(string mode, params string[] args)
    {
        var start = SelfStartInfo();
        start.ArgumentList.Add(mode);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"the {mode} process printed '{line}' instead of its port");
        }

        var started = new SelfProcess(process, port);
        _ = started.FollowOutputAsync();
        return started;
    }

    /// <summary>The activation count the silo last reported (silo mode only).</summary>
    public int Activations => Volatile.Read(ref _activations);

    /// <summary>SIGTERM: the silo stops gracefully (leaves the cluster, hands its grains over, answers what it has).</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    private async Task FollowOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("activations ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan("activations ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                Volatile.Write(ref _activations, count);
            }
        }
    }

    /// <summary>kill -9: no graceful leave, no deactivation.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>
    /// The apphost when there is one (a build or dotnet run), else this dll through the dotnet host (as scripts/bench.sh
    /// runs it, and inside the test output, where referenced executables come without their apphost).
    /// </summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var dll = typeof(SelfProcess).Assembly.Location;
        var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost) { UseShellExecute = false };
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromCli
            ? fromCli
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        start.ArgumentList.Add(dll);
        return start;
    }
}
