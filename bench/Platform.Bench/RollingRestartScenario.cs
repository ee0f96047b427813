using System.Diagnostics;
using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// Three silo processes on PostgreSQL under steady write load; each in turn gets SIGTERM, leaves gracefully, exits and
/// is started again on its ports. Prints failed calls, duplicate executions and lost writes (all must be 0).
/// </summary>
internal static class RollingRestartScenario
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        string[] zones = ["a", "b", "c"];
        await using var cluster = await BenchCluster.StartAsync(postgres: true, zones);
        var grains = Enumerable.Range(0, options.Count).Select(i => cluster.Client.GetGrain<IBenchCounterGrain>(i)).ToArray();
        var load = new CounterLoad(grains, options.Concurrency);
        var start = Stopwatch.GetTimestamp();
        load.Start();
        var settle = TimeSpan.FromSeconds(options.DurationSeconds / (zones.Length + 1));
        var unclean = 0;
        for (var i = 0; i < zones.Length; i++)
        {
            await Task.Delay(settle);
            if (await cluster.RestartAsync(i) != 0)
            {
                unclean++;
            }
        }

        await Task.Delay(settle);
        await load.StopAsync();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var verdict = await load.VerifyAsync();
        foreach (var message in load.FailureMessages)
        {
            await Console.Error.WriteLineAsync($"rolling-restart: failed call: {message}");
        }

        var result = new BenchResult(options.Scenario, load.Ops, seconds, 0, 0, options.Concurrency);
        result.Extra["failed_calls"] = load.Failures.Count;
        result.Extra["duplicate_executions"] = verdict.DuplicateExecutions;
        result.Extra["lost_writes"] = verdict.LostWrites;
        result.Extra["failed_but_ran"] = verdict.FailedButRan;
        result.Extra["unclean_exits"] = unclean;
        result.Extra["restarts"] = zones.Length;
        result.Extra["grains"] = grains.Length;
        return result;
    }
}
