using System.Diagnostics;
using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// Three silo processes on PostgreSQL under steady write load; kills one with SIGKILL after a third of the run and
/// reports how long until every grain answered again (the last failure, and every grain written again) and how many
/// acknowledged writes went missing.
/// </summary>
internal static class FailoverScenario
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var cluster = await BenchCluster.StartAsync(postgres: true, "a", "b", "c");
        var grains = Enumerable.Range(0, options.Count).Select(i => cluster.Client.GetGrain<IBenchCounterGrain>(i)).ToArray();
        var load = new CounterLoad(grains, options.Concurrency);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(options.DurationSeconds * Stopwatch.Frequency);
        load.Start();
        await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds / 3));
        cluster.Silos[1].Kill();
        var killed = load.Mark();
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end).TotalSeconds)));
        await load.StopAsync();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var lastFailure = load.Failures.Where(time => time >= killed).DefaultIfEmpty(killed).Max();
        var recoveredAt = load.AllSucceededSinceMark() is { } allWritten ? Math.Max(allWritten, lastFailure) : long.MaxValue;
        var recovered = recoveredAt < end;
        var verdict = await load.VerifyAsync();
        foreach (var message in load.FailureMessages)
        {
            await Console.Error.WriteLineAsync($"failover: failed call: {message}");
        }

        var result = new BenchResult(options.Scenario, load.Ops, seconds, 0, 0, options.Concurrency);
        result.Extra["recovery_s"] = recovered ? Math.Round(Stopwatch.GetElapsedTime(killed, recoveredAt).TotalSeconds, 3) : -1;
        result.Extra["lost_writes"] = verdict.LostWrites;
        result.Extra["failed_calls"] = load.Failures.Count;
        result.Extra["duplicate_executions"] = verdict.DuplicateExecutions;
        result.Extra["grains"] = grains.Length;
        return result;
    }
}
