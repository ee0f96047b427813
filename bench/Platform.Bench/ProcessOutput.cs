using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// Reads a started process's standard output and error to the end: keeps the last lines for an error message, says when a
/// line with the ready text came, and appends every line, named after the process, to the file PLATFORM_BENCH_SILO_LOG
/// names when it is set (what to read when a scenario misbehaves).
/// </summary>
internal sealed class ProcessOutput
{
    private const int KeptLines = 40;

    private static readonly string? OutputLog = Environment.GetEnvironmentVariable("PLATFORM_BENCH_SILO_LOG");

    private static readonly Lock OutputLogLock = new();

    private readonly ConcurrentQueue<string> _lastLines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _name;
    private readonly string? _readyText;

    /// <param name="name">What each line is prefixed with in the shared log (a silo's port, "api").</param>
    /// <param name="readyText">A text the process writes once it is ready, or null when readiness is asked otherwise.</param>
    public ProcessOutput(Process process, string name, string? readyText)
    {
        _name = name;
        _readyText = readyText;
        _ = FollowAsync(process.StandardOutput);
        _ = FollowAsync(process.StandardError);
    }

    /// <summary>Completes at the first line that contains the ready text.</summary>
    public Task Ready => _ready.Task;

    public string LastLines => string.Join('\n', _lastLines);

    private async Task FollowAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (_readyText is not null && line.Contains(_readyText, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }

            if (OutputLog is not null)
            {
                lock (OutputLogLock)
                {
                    File.AppendAllLines(OutputLog, [$"{_name}: {line}"]);
                }
            }

            _lastLines.Enqueue(line);
            while (_lastLines.Count > KeptLines && _lastLines.TryDequeue(out _))
            {
            }
        }
    }
}
