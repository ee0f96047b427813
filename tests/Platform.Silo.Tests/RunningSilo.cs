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
    private readonly TaskCompletionSource<Match> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>Whether it printed its ready line: it joined the cluster and serves.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public static async Task<RunningSilo> StartAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = Launch(args, environment);
        try
        {
            var match = await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
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

    /// <summary>Starts a silo and returns at once, for a test that watches it fail to join (<see cref="WaitForOutputAsync"/>).</summary>
    public static RunningSilo Launch(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = new RunningSilo(Process.Start(SiloProcess.CreateStartInfo(args, environment))!);
        silo._process.OutputDataReceived += (_, line) => silo.Record(line.Data);
        silo._process.ErrorDataReceived += (_, line) => silo.Record(line.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        _ = silo._process.WaitForExitAsync().ContinueWith(
            _ => silo._ready.TrySetException(new InvalidOperationException($"the silo exited with {silo._process.ExitCode} before it was ready: {silo.Output}")),
            TaskScheduler.Default);
        return silo;
    }

    /// <summary>Waits until the silo wrote <paramref name="text"/> (after the first <paramref name="from"/> characters of its output).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, int from = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output[from..].Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the silo did not write '{text}' within {timeout}: {Output[from..]}");
            }

            await Task.Delay(100);
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

    private void Record(string? line)
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
            _ready.TrySetResult(match);
        }
    }

    [GeneratedRegex(@"Platform silo running: silo (?<silo>\S+:\d+)@\d+, gateway (?<gateway>\S+:\d+), http (?<http>\S+:\d+|none),")]
    private static partial Regex ReadyLine();
}
