using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Client;

namespace Platform.Bench;

/// <summary>Scenarios with the silos in child processes and this process as the client.</summary>
internal static class RemoteScenarios
{
    /// <summary>The connection string of the database <c>scripts/postgres.sh</c> starts; override with PLATFORM_BENCH_POSTGRES.</summary>
    private const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=platform";

    /// <summary>N callers in this process each call their own grain on a silo in another process, through its gateway.</summary>
    public static async Task<BenchResult> RemoteCallAsync(BenchOptions options)
    {
        var clusterId = $"bench-{Guid.NewGuid():N}"[..20];
        await using var silo = await SelfProcess.StartAsync(SiloServer.Command, "--zone", "a", "--cluster-id", clusterId);
        await using var client = await ConnectAsync(clusterId, silo.Endpoint);
        var grains = Enumerable.Range(0, options.Concurrency).Select(i => client.GetGrain<IBenchTargetGrain>(i)).ToArray();

        await CallUntilAsync(grains, TimeSpan.FromSeconds(Math.Min(1, options.DurationSeconds)));
        var (samples, seconds) = await CallUntilAsync(grains, TimeSpan.FromSeconds(options.DurationSeconds));
        var (p50, p99) = LatencySample.Percentiles(samples);
        return new BenchResult("remote-call", samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
    }

    /// <summary>
    /// Three silos in zones a, b and c on PostgreSQL under steady write load; kills one with SIGKILL after a third of
    /// the run and reports how long until every call succeeded again and how many acknowledged writes went missing.
    /// </summary>
    public static async Task<BenchResult> FailoverAsync(BenchOptions options)
    {
        var postgres = Environment.GetEnvironmentVariable("PLATFORM_BENCH_POSTGRES") ?? DefaultPostgres;
        var clusterId = $"failover-{Guid.NewGuid():N}"[..24];
        var silos = new List<SelfProcess>();
        foreach (var zone in new[] { "a", "b", "c" })
        {
            silos.Add(await SelfProcess.StartAsync(SiloServer.Command, "--zone", zone, "--cluster-id", clusterId, "--postgres", postgres));
        }

        try
        {
            await using var client = await ConnectAsync(clusterId, [.. silos.Select(silo => silo.Endpoint)]);
            await WaitForViewAsync(client, 3);
            var grains = Enumerable.Range(0, options.Count).Select(i => client.GetGrain<IBenchCounterGrain>(i)).ToArray();
            var acknowledged = new long[grains.Length];
            var failures = new ConcurrentQueue<long>();
            var ops = 0L;
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(options.DurationSeconds * Stopwatch.Frequency);
            var killAt = start + ((end - start) / 3);
            var killed = 0L;

            var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
            {
                for (var i = worker; Stopwatch.GetTimestamp() < end; i = (i + options.Concurrency) % grains.Length)
                {
                    try
                    {
                        var value = await grains[i].Add(1);
                        InterlockedMax(ref acknowledged[i], value);
                        Interlocked.Increment(ref ops);
                    }
                    catch (PlatformException)
                    {
                        failures.Enqueue(Stopwatch.GetTimestamp());
                        await Task.Delay(20);
                    }
                    catch (TimeoutException)
                    {
                        failures.Enqueue(Stopwatch.GetTimestamp());
                    }
                }
            })).ToList();

            while (Stopwatch.GetTimestamp() < killAt)
            {
                await Task.Delay(10);
            }

            silos[1].Kill();
            killed = Stopwatch.GetTimestamp();
            await Task.WhenAll(workers);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

            var lastFailure = failures.Where(time => time >= killed).DefaultIfEmpty(killed).Max();
            var recovered = lastFailure < end - (Stopwatch.Frequency / 2);
            var lost = 0L;
            for (var i = 0; i < grains.Length; i++)
            {
                var stored = await grains[i].Get();
                lost += Math.Max(0, acknowledged[i] - stored);
            }

            var result = new BenchResult("failover", ops, seconds, 0, 0, options.Concurrency);
            result.Extra["recovery_s"] = recovered ? Math.Round(Stopwatch.GetElapsedTime(killed, lastFailure).TotalSeconds, 3) : -1;
            result.Extra["lost_writes"] = lost;
            result.Extra["failed_calls"] = failures.Count;
            result.Extra["grains"] = grains.Length;
            return result;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<ClusterClient> ConnectAsync(string clusterId, params string[] gateways) =>
        await new ClusterClientBuilder()
            .AddGrains(typeof(RemoteScenarios).Assembly)
            .UseGateways(gateways)
            .Configure(options => options.ClusterId = clusterId)
            .ConnectAsync();

    private static async Task WaitForViewAsync(ClusterClient client, int silos)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (client.ActiveSilos.Count < silos)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the client saw {client.ActiveSilos.Count} of {silos} silos after 30 s");
            }

            await Task.Delay(50);
        }
    }

    private static Task<(LatencySample[] Samples, double Seconds)> CallUntilAsync(IBenchTargetGrain[] grains, TimeSpan duration) =>
        CallerLoops.RunAsync(grains.Length, duration, slot =>
        {
            var value = 0;
            return async () => value = await grains[slot].Ping(value);
        });

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
