using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Bench;

/// <summary>Scenarios that change the cluster under load: rolling restarts and scale-out.</summary>
internal static class ClusterScenarios
{
    /// <summary>
    /// Three silos on PostgreSQL under steady write load; each in turn gets SIGTERM, stops gracefully and is started again
    /// on its port. Prints failed calls and executions beyond the acknowledged ones (both must be 0).
    /// </summary>
    public static async Task<BenchResult> RollingRestartAsync(BenchOptions options)
    {
        var clusterId = $"rolling-{Guid.NewGuid():N}"[..24];
        string[] zones = ["a", "b", "c"];
        var ports = zones.Select(_ => FreePort()).ToArray();
        var silos = await RemoteScenarios.StartSilosAsync(clusterId, zones, ports);
        try
        {
            await using var client = await RemoteScenarios.ConnectAsync(clusterId, [.. silos.Select(silo => silo.Endpoint)]);
            await RemoteScenarios.WaitForViewAsync(client, 3);
            var grains = CounterLoad.FreshCounters(client, options.Count);
            var load = new CounterLoad(grains, options.Concurrency);
            var start = Stopwatch.GetTimestamp();
            load.Start();
            var settle = TimeSpan.FromSeconds(options.DurationSeconds / (zones.Length + 1));
            for (var i = 0; i < zones.Length; i++)
            {
                await Task.Delay(settle);
                await silos[i].TerminateAsync(TimeSpan.FromSeconds(60));
                await silos[i].DisposeAsync();
                silos[i] = await RemoteScenarios.StartSiloAsync(clusterId, zones[i], ports[i]);
                await WaitForMembersAsync(client, silos);
            }

            await Task.Delay(settle);
            await load.StopAsync();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var (lost, extra) = await load.VerifyAsync();
            foreach (var message in load.FailureMessages)
            {
                await Console.Error.WriteLineAsync($"rolling-restart: failed call: {message}");
            }

            var result = new BenchResult("rolling-restart", load.Ops, seconds, 0, 0, options.Concurrency);
            result.Extra["failed_calls"] = load.Failures.Count;
            result.Extra["duplicate_executions"] = extra;
            result.Extra["lost_writes"] = lost;
            result.Extra["restarts"] = zones.Length;
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

    /// <summary>
    /// One silo holding --count active grains; two more silos join and a light load keeps touching every grain.
    /// Prints how long until the activations are spread evenly (each silo within 20 % of the mean) and the counts.
    /// </summary>
    public static async Task<BenchResult> RebalanceAsync(BenchOptions options)
    {
        var clusterId = $"rebalance-{Guid.NewGuid():N}"[..24];
        var silos = await RemoteScenarios.StartSilosAsync(clusterId, ["a"]);
        try
        {
            await using var client = await RemoteScenarios.ConnectAsync(clusterId, silos[0].Endpoint);
            var grains = Enumerable.Range(0, options.Count).Select(i => client.GetGrain<IBenchTargetGrain>(i)).ToArray();
            var ops = await TouchAllAsync(grains, options.Concurrency);

            silos.Add(await RemoteScenarios.StartSiloAsync(clusterId, "b", 0));
            silos.Add(await RemoteScenarios.StartSiloAsync(clusterId, "c", 0));
            await WaitForMembersAsync(client, silos);
            var start = Stopwatch.GetTimestamp();
            var deadline = start + (long)(Math.Max(options.DurationSeconds, 120) * Stopwatch.Frequency);
            while (!Balanced(silos, options.Count) && Stopwatch.GetTimestamp() < deadline)
            {
                ops += await TouchAllAsync(grains, options.Concurrency);
            }

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var result = new BenchResult("rebalance", ops, seconds, 0, 0, options.Concurrency);
            result.Extra["seconds_to_balance"] = Balanced(silos, options.Count) ? Math.Round(seconds, 3) : -1;
            for (var i = 0; i < silos.Count; i++)
            {
                result.Extra[$"activations_{"abc"[i]}"] = silos[i].Activations;
            }

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

    /// <summary>Even within 20 % of the mean per silo, with nearly every grain active somewhere.</summary>
    private static bool Balanced(List<SelfProcess> silos, int grains)
    {
        var counts = silos.Select(silo => silo.Activations).ToList();
        var mean = grains / (double)counts.Count;
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
                catch (PlatformException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        return grains.Length - failures;
    }

    /// <summary>Waits until the client's view holds exactly these silos (by port; a restarted silo keeps its port).</summary>
    private static async Task WaitForMembersAsync(Platform.Client.ClusterClient client, List<SelfProcess> silos)
    {
        var ports = silos.Select(silo => silo.Port).Order().ToList();
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (!client.ActiveSilos.Select(silo => silo.Port).Order().SequenceEqual(ports))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the client saw silos on ports {string.Join(", ", client.ActiveSilos.Select(silo => silo.Port))} instead of {string.Join(", ", ports)} after 60 s");
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
