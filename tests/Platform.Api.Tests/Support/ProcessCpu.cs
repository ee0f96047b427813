using System.Diagnostics;

namespace Platform.Api.Tests.Support;

/// <summary>
/// The CPU another process used between two samples, in percent of all the machine's cores: the measure Orleans' load
/// shedding compares with its threshold (the runtime's cpu-usage counter), before Orleans smooths it.
/// </summary>
public sealed class ProcessCpu : IDisposable
{
    private readonly Process _process;
    private readonly TimeProvider _time;
    private TimeSpan _used;
    private long _sampledAt;

    private ProcessCpu(Process process, TimeProvider time)
    {
        _process = process;
        _time = time;
        _used = process.TotalProcessorTime;
        _sampledAt = time.GetTimestamp();
    }

    /// <summary>The highest percentage <see cref="Sample"/> returned.</summary>
    public double Highest { get; private set; }

    public static ProcessCpu Of(int processId, TimeProvider time) => new(Process.GetProcessById(processId), time);

    /// <summary>The percentage since the previous sample (or since <see cref="Of"/>).</summary>
    public double Sample()
    {
        _process.Refresh();
        var used = _process.TotalProcessorTime;
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_sampledAt, now);
        var percent = elapsed > TimeSpan.Zero ? 100 * (used - _used) / elapsed / Environment.ProcessorCount : 0;
        (_used, _sampledAt) = (used, now);
        Highest = Math.Max(Highest, percent);
        return percent;
    }

    public void Dispose() => _process.Dispose();
}
