using System.Diagnostics;
using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// One silo process holding --count active grains; two more join and a light load keeps touching every grain. Prints
/// how long until the activations are spread evenly (each silo within 20 % of the mean) and the counts per silo.
/// </summary>
internal static class RebalanceScenario
{
    private const string GrainTypeName = "benchtarget";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var cluster = await BenchCluster.StartAsync(postgres: true, "a");
        var grains = Enumerable.Range(0, options.Count).Select(i => cluster.Client.GetGrain<IBenchTargetGrain>(i)).ToArray();
        var ops = await TouchAllAsync(grains, options.Concurrency);

        await cluster.AddSiloAsync("b");
        await cluster.AddSiloAsync("c");
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(Math.Max(options.DurationSeconds, Limit.TotalSeconds) * Stopwatch.Frequency);
        var counts = await cluster.ActivationsAsync(GrainTypeName);
        while (!Balanced(counts, options.Count) && Stopwatch.GetTimestamp() < deadline)
        {
            ops += await TouchAllAsync(grains, options.Concurrency);
            counts = await cluster.ActivationsAsync(GrainTypeName);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var result = new BenchResult(options.Scenario, ops, seconds, 0, 0, options.Concurrency);
        result.Extra["seconds_to_balance"] = Balanced(counts, options.Count) ? Math.Round(seconds, 3) : -1;
        for (var i = 0; i < counts.Length; i++)
        {
            result.Extra[$"activations_{"abc"[i]}"] = counts[i];
        }

        return result;
    }

    /// <summary>Even within 20 % of the mean per silo, with nearly every grain active somewhere.</summary>
    private static bool Balanced(int[] counts, int grains)
    {
        var mean = grains / (double)counts.Length;
        return counts.Sum() >= grains * 0.95 && counts.All(count => Math.Abs(count - mean) <= mean * 0.2);
    }

    private static async Task<long> TouchAllAsync(IBenchTargetGrain[] grains, int concurrency)
    {
        var next = -1;
        var failures = 0L;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < grains.Length)
            {
                try
                {
                    await grains[i].Ping(i);
                }
                catch (Exception exception) when (exception is OrleansException or TimeoutException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        return grains.Length - failures;
    }
}
