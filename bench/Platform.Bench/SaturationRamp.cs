using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// A closed-loop saturation run: in each step, that many loops each start their next operation as soon as their previous
/// one finished; the next step has more loops. The ramp stops at the first step whose throughput is not at least 10 %
/// above the best before it (the part has saturated: more concurrency only queues) or when the steps run out. The CPU
/// of the given probes is read around every step.
/// </summary>
internal static class SaturationRamp
{
    private const double MinimumGrowth = 1.10;

    /// <summary>
    /// A part's measurement: a warm-up step (the JIT, connection pools, caches) at the ramp's middle concurrency, then the
    /// ramp; the line of its best step, with how throughput grew in <c>ramp</c> ("1:850 4:2900 16:5100 64:5200"), and
    /// every step.
    /// </summary>
    public static async Task<(BenchResult Line, RampStep Best, IReadOnlyList<RampStep> Steps)> MeasureAsync(
        string part, IReadOnlyList<int> concurrencies, CapacitySizes sizes, IReadOnlyList<CpuProbe> probes, Func<int, Func<Task>> operationFor)
    {
        await RunStepAsync(concurrencies[concurrencies.Count / 2], sizes.WarmUp, [], operationFor);
        var steps = await RunAsync(concurrencies, sizes.Step, probes, operationFor);
        var best = steps.MaxBy(step => step.PerSecond)!;
        var line = best.ToResult(part);
        line.Labels["ramp"] = string.Join(' ', steps.Select(step => step.Summary));
        return (line, best, steps);
    }

    /// <summary>Failed operations are counted, not retried; the first failure of a step is reported on standard error.</summary>
    /// <param name="operationFor">Makes the operation of one loop (slot); a slot keeps its number across steps.</param>
    private static async Task<IReadOnlyList<RampStep>> RunAsync(
        IReadOnlyList<int> concurrencies, TimeSpan stepDuration, IReadOnlyList<CpuProbe> probes, Func<int, Func<Task>> operationFor)
    {
        var steps = new List<RampStep>();
        foreach (var concurrency in concurrencies)
        {
            var best = steps.Count == 0 ? 0 : steps.Max(step => step.PerSecond);
            var step = await RunStepAsync(concurrency, stepDuration, probes, operationFor);
            steps.Add(step);
            if (steps.Count > 1 && step.PerSecond < best * MinimumGrowth)
            {
                break;
            }
        }

        return steps;
    }

    private static async Task<RampStep> RunStepAsync(int concurrency, TimeSpan duration, IReadOnlyList<CpuProbe> probes, Func<int, Func<Task>> operationFor)
    {
        var cpu = await CpuWindow.StartAsync(probes);
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(slot => Task.Run(async () =>
        {
            var operation = operationFor(slot);
            var latencies = new List<double>();
            var (errors, firstError) = (0, (Exception?)null);
            while (true)
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    await operation();
                    latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
                catch (Exception error)
                {
                    // A failure under saturation is a finding (a timeout, an exhausted pool), not a reason to stop the run.
                    errors++;
                    firstError ??= error;
                }

                if (Stopwatch.GetTimestamp() >= stop)
                {
                    return (Latencies: latencies, Errors: errors, FirstError: firstError);
                }
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cores = await cpu.EndAsync();

        var errors = loops.Sum(loop => loop.Errors);
        if (loops.Select(loop => loop.FirstError).FirstOrDefault(error => error is not null) is { } first)
        {
            CapacityScenario.Progress($"{errors} failed operations at concurrency {concurrency}; the first: {first.GetType().Name}: {first.Message}");
        }

        return new RampStep(concurrency, errors, seconds, [.. loops.SelectMany(loop => loop.Latencies).Order()], cores);
    }
}
