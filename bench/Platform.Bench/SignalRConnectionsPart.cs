using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Platform.Bench;

/// <summary>
/// Live connections to the API's alerts hub: <see cref="CapacitySizes.Connections"/> users each open a WebSocket, as a
/// front end does (connect, then <c>Resume(0)</c>, which returns once the user's session grain holds the connection);
/// then the connections are held, idle, long enough for every one to renew its lease (a third of 30 s) and exchange
/// SignalR keep-alives. Reported: how fast they connect, the API's resident memory per connection, and the CPU the API
/// and the silo spend per held connection, renewals included, beyond what they spend idle.
/// </summary>
internal static class SignalRConnectionsPart
{
    public const string Name = "signalr_connections";

    private const string Tenant = "capacity-live";
    private const int ConnectParallelism = 64;

    /// <summary>Held five steps' time: at the default 3 s, 15 s, past one renewal of every lease (10 s) and one keep-alive (15 s).</summary>
    private const int HoldSteps = 5;

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var api = rig.Api;
        var count = sizes.Connections;
        var tokens = await api.TokensAsync(Tenant, [.. Enumerable.Range(0, count).Select(i => $"u{i:D6}")], "client");

        // What the API and the silo spend with no connection (membership, stream polling, metrics), over as long as the
        // connections are held afterwards: the part of the held CPU that is not the connections'. A step's pause first,
        // so that the previous part's leftovers (collections, background compilation) are not counted as idle.
        var hold = sizes.Step * HoldSteps;
        await Task.Delay(sizes.Step);
        var idleCpu = await CpuWindow.StartAsync([rig.ApiCpu, rig.Silo]);
        await Task.Delay(hold);
        var idle = await idleCpu.EndAsync();

        var residentBefore = ProcFs.ResidentBytes(api.ProcessId) ?? 0;
        var connections = new ConcurrentBag<HubConnection>();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<Exception>();
        var connectStart = Stopwatch.GetTimestamp();
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
                async (i, cancellation) =>
                {
                    var hub = AlertsHubConnection.Build(api.BaseAddress, tokens[i]);
                    connections.Add(hub);
                    var begin = Stopwatch.GetTimestamp();
                    try
                    {
                        await hub.StartAsync(cancellation);
                        await hub.InvokeAsync<long>("Resume", 0L, cancellation);
                        latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                    }
                    catch (Exception error)
                    {
                        // As many as the machine allows: a refused connection is the limit showing, and the rest go on.
                        failures.Enqueue(error);
                    }
                });
            var connectSeconds = Stopwatch.GetElapsedTime(connectStart).TotalSeconds;
            if (failures.TryPeek(out var first))
            {
                CapacityScenario.Progress($"{failures.Count} of {count} connections failed; the first: {first.GetType().Name}: {first.Message}");
            }

            var held = latencies.Count;
            var cpu = await CpuWindow.StartAsync([rig.ApiCpu, rig.Silo]);
            await Task.Delay(hold);
            var cores = await cpu.EndAsync();
            var residentHeld = ProcFs.ResidentBytes(api.ProcessId) ?? 0;

            var result = CapacityScenario.Line(Name, held, connectSeconds, [.. latencies.Order()], count);
            result.Extra["connections"] = held;
            result.Extra["connect_errors"] = failures.Count;
            result.Extra["hold_s"] = hold.TotalSeconds;
            result.Extra["api_rss_mb_before"] = Math.Round(residentBefore / 1_048_576.0, 1);
            result.Extra["api_rss_mb_held"] = Math.Round(residentHeld / 1_048_576.0, 1);
            result.Extra["api_bytes_per_connection"] = held > 0 ? Math.Round((residentHeld - residentBefore) / (double)held) : 0;
            foreach (var (probe, used) in cores)
            {
                result.Extra[$"{probe}_cpu_cores_idle"] = Math.Round(idle[probe], 3);
                result.Extra[$"{probe}_cpu_cores_held"] = Math.Round(used, 3);
                // Cores per connection, as microseconds of CPU per second: what 100,000 connections cost follows directly.
                result.Extra[$"{probe}_cpu_us_per_connection_second"] = held > 0 ? Math.Round((used - idle[probe]) * 1_000_000 / held, 2) : 0;
            }

            return result;
        }
        finally
        {
            await Parallel.ForEachAsync(
                connections,
                new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
                async (hub, _) => await hub.DisposeAsync());
        }
    }
}
