using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests;

/// <summary>
/// A silo executable that runs until the test stops it: SIGTERM (<see cref="Terminate"/>), kill -9 (<see cref="Kill"/>)
/// or any other signal (<see cref="Signal"/>). Its stdout and stderr are kept in <see cref="Output"/>.
/// </summary>
public sealed partial class RunningSilo : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningSilo(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>"127.0.0.1:port" of its silo-to-silo endpoint, as the ready line printed it.</summary>
    public string SiloEndpoint { get; private set; } = string.Empty;

    /// <summary>"127.0.0.1:port" clients connect to.</summary>
    public string Gateway { get; private set; } = string.Empty;

    /// <summary>"http://127.0.0.1:port" of its probes and metrics, or null when it serves no HTTP (--http-port none).</summary>
    public Uri? Http { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RunningSilo> StartAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = new RunningSilo(Process.Start(SiloProcess.CreateStartInfo(args, environment))!);
        var ready = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        silo._process.OutputDataReceived += (_, line) => silo.Record(line.Data, ready);
        silo._process.ErrorDataReceived += (_, line) => silo.Record(line.Data, ready);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        _ = silo._process.WaitForExitAsync().ContinueWith(
            _ => ready.TrySetException(new InvalidOperationException($"the silo exited with {silo._process.ExitCode} before it was ready: {silo.Output}")),
            TaskScheduler.Default);
        try
        {
            var match = await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
            silo.SiloEndpoint = match.Groups["silo"].Value;
            silo.Gateway = match.Groups["gateway"].Value;
            silo.Http = match.Groups["http"].Value is "none" ? null : new Uri($"http://{match.Groups["http"].Value}");
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the process to exit on its own and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: the silo stops gracefully.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>kill -9: the process ends without leaving the cluster or deactivating anything.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a signal by name (TERM, STOP, CONT, ...) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Record(string? line, TaskCompletionSource<Match> ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ReadyLine().Match(line) is { Success: true } match)
        {
            ready.TrySetResult(match);
        }
    }

    [GeneratedRegex(@"Platform silo running: silo (?<silo>\S+:\d+)@\d+, gateway (?<gateway>\S+:\d+), http (?<http>\S+:\d+|none),")]
    private static partial Regex ReadyLine();
}
