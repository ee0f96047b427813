using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests;

/// <summary>A silo executable that keeps running until the test kills it (-9) or stops it (SIGTERM).</summary>
public sealed partial class RunningSilo : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningSilo(Process process) => _process = process;

    /// <summary>"127.0.0.1:port" of its gateway.</summary>
    public string Gateway { get; private set; } = string.Empty;

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

    public static async Task<RunningSilo> StartAsync(params string[] args)
    {
        var start = SiloProcess.CreateStartInfo(args);
        var silo = new RunningSilo(Process.Start(start)!);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        silo._process.OutputDataReceived += (_, line) => silo.Record(line.Data, ready);
        silo._process.ErrorDataReceived += (_, line) => silo.Record(line.Data, ready);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        _ = silo._process.WaitForExitAsync().ContinueWith(_ => ready.TrySetException(new InvalidOperationException($"the silo exited before it ran: {silo.Output}")), TaskScheduler.Default);
        silo.Gateway = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>Waits for the process to exit on its own and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: the silo stops gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>kill -9: the process ends without leaving the cluster or deactivating anything.</summary>
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

    private void Record(string? line, TaskCompletionSource<string> ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (RunningLine().Match(line) is { Success: true } match)
        {
            ready.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"Platform silo running .* silo (\S+:\d+)@\d+ in zone")]
    private static partial Regex RunningLine();
}
