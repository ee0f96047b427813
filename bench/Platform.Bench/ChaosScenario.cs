using System.Diagnostics;
using Orleans.Runtime;

namespace Platform.Bench;

/// <summary>
/// A PostgreSQL server of its own, three silo processes (zones a, b, c) on it and the HTTP API as a process of its own
/// (gateways from the membership table, tokens of its development issuer), under the steady writes of
/// <see cref="JobWriteLoad"/> through the API; the faults of <see cref="BenchOptions.Faults"/> one after another, with
/// <see cref="BenchOptions.DurationSeconds"/> of steady load before, between and after them. One line per fault, then a
/// summary with the verdict of reading every job back. Definitions: docs/benchmarks.md, "chaos".
/// </summary>
internal static class ChaosScenario
{
    private const string KilledZone = "b";
    private const int PausedSilo = 2;

    /// <summary>The recovery target of issue 11: traffic is served again within this after every fault.</summary>
    private const double RecoveryTargetSeconds = 10;

    private static readonly TimeSpan PostgresDowntime = TimeSpan.FromSeconds(10);

    /// <summary>How long a resumed silo that the cluster declared dead may take to notice and exit before it is killed.</summary>
    private static readonly TimeSpan DeclaredDeadExitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long after the steady period a fault's recovery is still waited for before it counts as not recovered.</summary>
    private static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(30);

    /// <summary>How long the first draft of every user may take (JIT, connection pools, first activations) before the run fails.</summary>
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(120);

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        await using var postgres = await PostgresInstance.StartAsync();
        await using var cluster = await BenchCluster.StartAsync(postgres.ServerConnectionString, "a", "b", "c");
        await using var api = await ApiProcess.StartAsync(
            ApiHost.Configuration(cluster.ClusterId, membershipDatabase: cluster.DatabaseConnectionString), options.Concurrency);
        using var load = await JobWriteLoad.CreateAsync(api, options.Count, options.Concurrency);
        var steady = TimeSpan.FromSeconds(options.DurationSeconds);
        var start = Stopwatch.GetTimestamp();
        load.Start();
        // The steady period starts once every user was served: the first faults must not meet a cold API and cluster.
        load.Mark();
        if (await WaitUntilAllServedAsync(load, WarmUpTimeout) is null)
        {
            throw new TimeoutException($"not every user had a draft acknowledged within {WarmUpTimeout.TotalSeconds:0} s of the start");
        }

        await Task.Delay(steady);

        var lines = new List<BenchResult>();
        foreach (var fault in options.Faults.Split(','))
        {
            Log($"injecting {fault} {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s into the run");
            var opsBefore = load.Ops;
            var faultStart = Stopwatch.GetTimestamp();
            var own = new Dictionary<string, double>();
            var activeBefore = await ActiveSilosAsync(cluster);
            string? aborted = null;
            try
            {
                switch (fault)
                {
                    case "zone":
                        await KillZoneAsync(cluster, KilledZone);
                        break;
                    case "pause":
                        own["paused_exit_code"] = await PauseUntilDeclaredDeadAsync(cluster, PausedSilo);
                        break;
                    case "postgres":
                        await postgres.RestartAsync(PostgresDowntime);
                        break;
                    case "roll":
                        own["unclean_exits"] = await RollAsync(cluster);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(options), fault, "unknown fault");
                }
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                // A silo that would not start again (declared dead while joining, again and again, on a starved machine):
                // the fault counts as not recovered, and the writes acknowledged so far are still read back.
                aborted = error.Message;
                Log($"{fault} did not complete: {aborted}");
            }

            var faultEnd = load.Mark();
            var recoveredAt = await WaitForRecoveryAsync(load, faultEnd, steady);
            var measuredUntil = Stopwatch.GetTimestamp();
            if (fault == "postgres")
            {
                own["silos_lost"] = await StartLostSilosAgainAsync(cluster, activeBefore);
            }

            var (p50, p99) = load.LatencyBetween(faultStart, measuredUntil);
            var line = new BenchResult(options.Scenario, load.Ops - opsBefore, Stopwatch.GetElapsedTime(faultStart, measuredUntil).TotalSeconds, p50, p99, options.Concurrency);
            line.Labels["fault"] = fault;
            line.Extra["fault_s"] = Math.Round(Stopwatch.GetElapsedTime(faultStart, faultEnd).TotalSeconds, 3);
            line.Extra["recovery_s"] = recoveredAt is { } at ? Math.Round(Stopwatch.GetElapsedTime(faultEnd, at).TotalSeconds, 3) : -1;
            AddFailures(line, load.FailuresBetween(faultStart, measuredUntil));
            foreach (var (name, value) in own)
            {
                line.Extra[name] = value;
            }

            if (aborted is not null)
            {
                line.Extra["recovery_s"] = -1;
                line.Labels["error"] = aborted;
            }

            Log(line.ToJson());
            lines.Add(line);
            if (aborted is not null)
            {
                // The cluster is not what the next fault expects.
                break;
            }
        }

        await load.StopAsync();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var verdict = await load.VerifyAsync(cluster.DatabaseConnectionString);
        foreach (var message in load.FailureMessages)
        {
            Log($"failed request: {message}");
        }

        foreach (var lost in load.LostDrafts)
        {
            Log($"lost write: {lost}");
        }

        var (summaryP50, summaryP99) = load.LatencyBetween(start, long.MaxValue);
        var summary = new BenchResult(options.Scenario, load.Ops, seconds, summaryP50, summaryP99, options.Concurrency);
        summary.Labels["fault"] = "summary";
        summary.Extra["writes"] = load.Ops;
        summary.Extra["lost_writes"] = verdict.LostWrites;
        summary.Extra["duplicate_executions"] = verdict.DuplicateExecutions;
        summary.Extra["failed_but_ran"] = verdict.FailedButRan;
        summary.Extra["retried_writes"] = load.Retried;
        summary.Extra["replayed_writes"] = load.Replayed;
        summary.Extra["unresolved_writes"] = load.Unresolved;
        AddFailures(summary, load.FailuresBetween(start, long.MaxValue));
        summary.Extra["faults"] = lines.Count;
        summary.Flags["all_faults_completed"] = lines.Count == options.Faults.Split(',').Length && lines.All(line => !line.Labels.ContainsKey("error"));
        summary.Extra["users"] = options.Count;
        summary.Flags["recovered_within_10s"] = lines.All(line => line.Extra["recovery_s"] is >= 0 and <= RecoveryTargetSeconds);
        lines.Add(summary);
        return lines;
    }

    /// <summary><c>failed_requests</c>, and the same per kind: <c>failed_503</c>, ..., <c>failed_no_response</c>.</summary>
    private static void AddFailures(BenchResult line, Dictionary<string, int> failures)
    {
        line.Extra["failed_requests"] = failures.Values.Sum();
        foreach (var (kind, count) in failures)
        {
            line.Extra[$"failed_{kind}"] = count;
        }
    }

    /// <summary>SIGKILL to every silo of the zone; once the others declared them dead, they start again (a new generation each).</summary>
    private static async Task KillZoneAsync(BenchCluster cluster, string zone)
    {
        var victims = Enumerable.Range(0, cluster.Silos.Count).Where(i => cluster.Zones[i] == zone).ToArray();
        foreach (var index in victims)
        {
            cluster.Silos[index].Kill();
        }

        await cluster.WaitForActiveSilosAsync(cluster.Silos.Where((_, index) => !victims.Contains(index)));
        foreach (var index in victims)
        {
            await cluster.StartAgainAsync(index);
        }
    }

    /// <summary>
    /// SIGSTOP past failure detection: the others must declare the silo dead; after SIGCONT it must notice and exit, and
    /// is started again as an orchestrator would (killed first if it did not exit).
    /// </summary>
    /// <returns>The resumed silo's exit code (3: declared dead), or -1 if it had to be killed.</returns>
    private static async Task<int> PauseUntilDeclaredDeadAsync(BenchCluster cluster, int index)
    {
        var paused = cluster.Silos[index];
        await paused.PauseAsync();
        await cluster.WaitForActiveSilosAsync(cluster.Silos.Where(silo => silo != paused));
        await paused.ResumeAsync();
        int exitCode;
        try
        {
            exitCode = await paused.WaitForExitAsync(DeclaredDeadExitTimeout);
        }
        catch (TimeoutException)
        {
            Log($"the resumed silo on port {paused.Endpoint.SiloPort} was still running {DeclaredDeadExitTimeout.TotalSeconds:0} s after SIGCONT; killing it");
            exitCode = -1;
        }

        await cluster.StartAgainAsync(index);
        return exitCode;
    }

    /// <summary>
    /// After PostgreSQL was down the silos must neither have exited nor have declared each other dead: one that did is
    /// counted and started again, so that later faults meet three silos.
    /// </summary>
    /// <returns>How many of the silos active before the outage exited or left the active membership.</returns>
    private static async Task<int> StartLostSilosAgainAsync(BenchCluster cluster, HashSet<SiloAddress> activeBefore)
    {
        var activeAfter = await ActiveSilosAsync(cluster);
        var lost = 0;
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            var silo = cluster.Silos[i];
            var sameGeneration = activeAfter.Any(address => activeBefore.Contains(address) && address.Endpoint.Port == silo.Endpoint.SiloPort);
            if (silo.HasExited || !sameGeneration)
            {
                Log($"the silo on port {silo.Endpoint.SiloPort} did not survive the outage (exited: {silo.HasExited}); starting it again");
                lost++;
                await cluster.StartAgainAsync(i);
            }
        }

        return lost;
    }

    /// <summary>Each silo in turn: SIGTERM, a graceful leave and exit, a start on the same ports, active again.</summary>
    /// <returns>How many stops exited with a code other than 0.</returns>
    private static async Task<int> RollAsync(BenchCluster cluster)
    {
        var unclean = 0;
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            if (await cluster.RestartAsync(i) != 0)
            {
                unclean++;
            }
        }

        return unclean;
    }

    /// <summary>
    /// Waits the steady period, and longer (up to <see cref="RecoveryGrace"/>) while some user has not had a draft
    /// acknowledged since the fault ended.
    /// </summary>
    /// <returns>When traffic was served again: every user's draft acknowledged since the fault ended and no request failed after; null if not within the wait.</returns>
    private static async Task<long?> WaitForRecoveryAsync(JobWriteLoad load, long faultEnd, TimeSpan steady)
    {
        await Task.Delay(steady);
        if (await WaitUntilAllServedAsync(load, RecoveryGrace) is not { } allWritten)
        {
            return null;
        }

        var lastFailure = load.Failures.Select(failure => failure.Time).Where(time => time >= faultEnd).DefaultIfEmpty(faultEnd).Max();
        return Math.Max(allWritten, lastFailure);
    }

    /// <summary>Waits at most <paramref name="timeout"/> until every user had a draft acknowledged since the load's mark.</summary>
    /// <returns>When the last of them was, or null if some user was not served within the wait.</returns>
    private static async Task<long?> WaitUntilAllServedAsync(JobWriteLoad load, TimeSpan timeout)
    {
        var giveUp = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (load.AllServedSinceMark() is null && Stopwatch.GetTimestamp() < giveUp)
        {
            await Task.Delay(100);
        }

        return load.AllServedSinceMark();
    }

    /// <summary>The active silos with their generations, as the cluster's membership sees them (no database involved).</summary>
    private static async Task<HashSet<SiloAddress>> ActiveSilosAsync(BenchCluster cluster)
    {
        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return [.. hosts.Keys];
    }

    private static void Log(string message) => Console.Error.WriteLine($"chaos: {message}");
}
