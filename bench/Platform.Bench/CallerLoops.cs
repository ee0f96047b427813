using System.Diagnostics;

using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>The callers of the baseline scenarios: each makes one call after another, awaiting every reply, until the time is up.</summary>
internal static class CallerLoops
{
    /// <param name="callerFor">Makes the call function of one caller slot; it returns the reply's task, and holds whatever state the caller keeps.</param>
    public static async Task<(LatencySample[] Samples, double Seconds)> RunAsync(int concurrency, TimeSpan duration, Func<int, Func<Task>> callerFor)
    {
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(slot => Task.Run(async () =>
        {
            var call = callerFor(slot);
            var sample = new LatencySample();
            while (true)
            {
                var begin = Stopwatch.GetTimestamp();
                await call();
                var end = Stopwatch.GetTimestamp();
                sample.Record(end - begin);
                if (end >= stop)
                {
                    return sample;
                }
            }
        })));
        return (samples, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
