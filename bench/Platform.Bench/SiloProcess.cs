using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// The real Platform.Silo executable (built into this benchmark's output, since the bench references the silo project),
/// with the bench grains loaded into it as a startup hook. Started on fixed ports so that a restart keeps its endpoint.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>What the silo logs once it has joined the cluster and its gateway is open.</summary>
    private const string ReadyLine = "Platform silo running";

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private bool _disposed;

    private SiloProcess(Process process, SiloEndpoint endpoint)
    {
        _process = process;
        Endpoint = endpoint;
        _output = new ProcessOutput(process, endpoint.SiloPort.ToString(CultureInfo.InvariantCulture), ReadyLine);
    }

    public SiloEndpoint Endpoint { get; }

    public int ProcessId => _process.Id;

    /// <summary>True once the process ended, or was disposed (a restart failed and left this one in its place).</summary>
    public bool HasExited => _disposed || _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <param name="arguments">The silo's own command line after the endpoint options (cluster, zone, storage).</param>
    public static async Task<SiloProcess> StartAsync(SiloEndpoint endpoint, IEnumerable<string> arguments, TimeSpan readyTimeout)
    {
        var directory = AppContext.BaseDirectory;
        var start = DotnetApp.StartInfo(Path.Combine(directory, "Platform.Silo.dll"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(endpoint.SiloPort.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--gateway-port");
        start.ArgumentList.Add(endpoint.GatewayPort.ToString(CultureInfo.InvariantCulture));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_STARTUP_HOOKS"] = Path.Combine(directory, "Platform.Bench.Grains.dll");
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var silo = new SiloProcess(process, endpoint);
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._output.Ready, exited, Task.Delay(readyTimeout));
        if (first != silo._output.Ready)
        {
            var why = first == exited ? $"exited with code {process.ExitCode}" : $"was not ready after {readyTimeout.TotalSeconds:0} s";
            await silo.DisposeAsync();
            throw new InvalidOperationException($"the silo on port {endpoint.SiloPort} {why}; its last output:\n{silo.LastOutput}");
        }

        return silo;
    }

    public string LastOutput => _output.LastLines;

    /// <summary>SIGTERM: the silo leaves the cluster gracefully and exits.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>SIGSTOP: the process stops answering without closing a connection (a long GC pause, a frozen VM).</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>kill -9: no leave, no deactivation; the connections close.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <remarks>
    /// Safe to call again: a restart that failed to start the new process leaves the disposed one in its cluster's list,
    /// and the cluster's disposal must still reach (and kill) every other silo.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
