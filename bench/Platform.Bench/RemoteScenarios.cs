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
    /// the run and reports how long until every call succeeded again (the last failure, and every counter written
    /// again: calls to a dead silo's grains wait to be re-routed rather than fail) and how many acknowledged writes
    /// went missing.
    /// </summary>
    public static async Task<BenchResult> FailoverAsync(BenchOptions options)
    {
        var clusterId = $"failover-{Guid.NewGuid():N}"[..24];
        var silos = await StartSilosAsync(clusterId, ["a", "b", "c"]);

        try
        {
            await using var client = await ConnectAsync(clusterId, [.. silos.Select(silo => silo.Endpoint)]);
            await WaitForViewAsync(client, 3);
            var grains = CounterLoad.FreshCounters(client, options.Count);
            var load = new CounterLoad(grains, options.Concurrency);
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(options.DurationSeconds * Stopwatch.Frequency);
            load.Start();
            await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds / 3));
            silos[1].Kill();
            var killed = load.Mark();
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end).TotalSeconds)));
            await load.StopAsync();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

            var lastFailure = load.Failures.Where(time => time >= killed).DefaultIfEmpty(killed).Max();
            var recoveredAt = load.AllSucceededSinceMark() is { } allWritten ? Math.Max(allWritten, lastFailure) : long.MaxValue;
            var recovered = recoveredAt < end - (Stopwatch.Frequency / 2);
            var (lost, _) = await load.VerifyAsync();
            var ops = load.Ops;
            var failed = load.Failures.Count;
            var result = new BenchResult("failover", ops, seconds, 0, 0, options.Concurrency);
            result.Extra["recovery_s"] = recovered ? Math.Round(Stopwatch.GetElapsedTime(killed, recoveredAt).TotalSeconds, 3) : -1;
            result.Extra["lost_writes"] = lost;
            result.Extra["failed_calls"] = failed;
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

    /// <summary>One silo process per zone on the PostgreSQL of scripts/postgres.sh (or PLATFORM_BENCH_POSTGRES); ports as given, else free ones.</summary>
    internal static async Task<List<SelfProcess>> StartSilosAsync(string clusterId, string[] zones, int[]? ports = null)
    {
        var silos = new List<SelfProcess>();
        for (var i = 0; i < zones.Length; i++)
        {
            silos.Add(await StartSiloAsync(clusterId, zones[i], ports?[i] ?? 0));
        }

        return silos;
    }

    internal static Task<SelfProcess> StartSiloAsync(string clusterId, string zone, int port) =>
        SelfProcess.StartAsync(SiloServer.Command, "--zone", zone, "--cluster-id", clusterId, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--postgres", Environment.GetEnvironmentVariable("PLATFORM_BENCH_POSTGRES") ?? DefaultPostgres);

    internal static async Task<ClusterClient> ConnectAsync(string clusterId, params string[] gateways) =>
        await new ClusterClientBuilder()
            .AddGrains(typeof(RemoteScenarios).Assembly)
            .UseGateways(gateways)
            .Configure(options => options.ClusterId = clusterId)
            .ConnectAsync();

    internal static async Task WaitForViewAsync(ClusterClient client, int silos)
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
}
