using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>N callers in this process each call their own grain on one silo process, through its gateway over loopback.</summary>
internal static class RemoteCallScenario
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var cluster = await BenchCluster.StartAsync(postgres: false, "a");
        var grains = Enumerable.Range(0, options.Concurrency).Select(i => cluster.Client.GetGrain<IBenchTargetGrain>(i)).ToArray();

        await CallUntilAsync(grains, TimeSpan.FromSeconds(Math.Min(1, options.DurationSeconds)));
        var (samples, seconds) = await CallUntilAsync(grains, TimeSpan.FromSeconds(options.DurationSeconds));
        var (p50, p99) = LatencySample.Percentiles(samples);
        return new BenchResult(options.Scenario, samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
    }

    private static Task<(LatencySample[] Samples, double Seconds)> CallUntilAsync(IBenchTargetGrain[] grains, TimeSpan duration) =>
        CallerLoops.RunAsync(grains.Length, duration, slot =>
        {
            var value = 0;
            return async () => value = await grains[slot].Ping(value);
        });
}
