namespace Platform.Bench;

/// <summary>
/// Where each part of the platform saturates on this machine, as the figures of docs/capacity.md: one line per part
/// (<see cref="BenchOptions.CapacityParts"/>), each a closed-loop run raised until its throughput stops growing, with the
/// CPU of every process involved read from /proc and the load average of the moment, since other work on a shared
/// machine moves every figure.
/// </summary>
internal static class CapacityScenario
{
    public const string Name = "capacity";

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        var sizes = CapacitySizes.From(options);
        var chosen = options.Parts.Split(',');
        var parts = BenchOptions.CapacityParts.Where(chosen.Contains).ToArray();
        await using var rig = await CapacityRig.StartAsync(parts, sizes);
        var lines = new List<BenchResult>();
        foreach (var part in parts)
        {
            Progress($"measuring {part}");
            var line = part switch
            {
                JournalAppendsPart.Name => await JournalAppendsPart.RunAsync(rig, sizes),
                MatchingQueriesPart.Name => await MatchingQueriesPart.RunAsync(rig, sizes),
                GrainStateWritesPart.Name => await GrainStateWritesPart.RunAsync(rig, sizes),
                MatchingJobsPart.Name => await MatchingJobsPart.RunAsync(rig, sizes),
                SiloCallsPart.Name => await SiloCallsPart.RunAsync(rig, sizes),
                ApiRequestsPart.Name => await ApiRequestsPart.RunAsync(rig, sizes),
                SignalRConnectionsPart.Name => await SignalRConnectionsPart.RunAsync(rig, sizes),
                _ => throw new ArgumentOutOfRangeException(nameof(options), part, "unknown capacity part"),
            };
            rig.ReleaseIdleConnections();
            var (oneMinute, fiveMinutes, fifteenMinutes) = ProcFs.LoadAverage();
            line.Extra["cpu_cores"] = Environment.ProcessorCount;
            line.Extra["load_average_1m"] = oneMinute;
            line.Extra["load_average_5m"] = fiveMinutes;
            line.Extra["load_average_15m"] = fifteenMinutes;
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>A line of a part that is not a ramp step: the common fields, <c>per_second</c> and the latency in ms.</summary>
    public static BenchResult Line(string part, long ops, double seconds, double[] sortedLatenciesMs, int concurrency)
    {
        var (p50, p99) = (ApiScenario.Percentile(sortedLatenciesMs, 0.50), ApiScenario.Percentile(sortedLatenciesMs, 0.99));
        var result = new BenchResult(Name, ops, seconds, p50 * 1_000, p99 * 1_000, concurrency);
        result.Labels["part"] = part;
        result.Extra["per_second"] = Math.Round(ops / seconds, 1);
        result.Extra["p50_ms"] = Math.Round(p50, 3);
        result.Extra["p99_ms"] = Math.Round(p99, 3);
        return result;
    }

    /// <summary>For each probe: the cores it used and its CPU per operation at <paramref name="perSecond"/>, from which capacity per core follows.</summary>
    public static void AddCpu(BenchResult result, IReadOnlyDictionary<string, double> cores, double perSecond)
    {
        foreach (var (probe, used) in cores)
        {
            result.Extra[$"{probe}_cpu_cores"] = Math.Round(used, 3);
            result.Extra[$"{probe}_cpu_us_per_op"] = perSecond > 0 ? Math.Round(used * 1_000_000 / perSecond, 1) : 0;
        }
    }

    /// <summary>Operations per second that one core of a probe's processes sustains, from what it used at <paramref name="perSecond"/>.</summary>
    public static double PerCore(double perSecond, double cores) => cores > 0 ? Math.Round(perSecond / cores, 1) : 0;

    /// <summary>What the scenario is doing, on standard error (standard output carries the JSON lines only).</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"capacity: {message}");
}
