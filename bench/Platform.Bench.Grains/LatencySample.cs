using System.Diagnostics;

namespace Platform.Bench.Grains;

/// <summary>Counts operations and keeps every 16th latency, enough for stable percentiles at little cost.</summary>
[GenerateSerializer]
public sealed class LatencySample
{
    private const int Stride = 16;

    [Id(0)]
    private readonly List<long> _ticks = [];

    [Id(1)]
    public long Count { get; private set; }

    public void Record(long ticks)
    {
        if (Count++ % Stride == 0)
        {
            _ticks.Add(ticks);
        }
    }

    public static (double P50Microseconds, double P99Microseconds) Percentiles(IEnumerable<LatencySample> samples)
    {
        var all = samples.SelectMany(sample => sample._ticks).Order().ToArray();
        if (all.Length == 0)
        {
            return (0, 0);
        }

        return (ToMicroseconds(all[(int)(all.Length * 0.50)]), ToMicroseconds(all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]));
    }

    private static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
