using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// Starts operation <c>i</c> at <c>start + i / rate</c> whether or not earlier ones have finished (open loop), and
/// hands each its due time, from which its latency must count so that a backlog shows as latency.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Starts <paramref name="total"/> operations from <paramref name="start"/> and waits for all of them.</summary>
    public static async Task RunAsync(int total, int rate, long start, Func<int, long, Task> operation)
    {
        var interval = Stopwatch.Frequency / (double)rate;
        var pending = new Task[total];
        var next = 0;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && start + (long)(next * interval) <= now)
            {
                pending[next] = operation(next, start + (long)(next * interval));
                next++;
            }

            if (next < total)
            {
                await Task.Delay(1);
            }
        }

        await Task.WhenAll(pending);
    }
}
