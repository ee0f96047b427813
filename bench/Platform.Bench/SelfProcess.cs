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

        return new SelfProcess(process, port);
    }

    /// <summary>kill -9: no graceful leave, no deactivation.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
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
