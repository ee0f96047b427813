using System.Diagnostics;
using System.Runtime;
using System.Threading.Channels;
using Orleans.Runtime;
using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>Scenarios inside this process: grain-to-grain calls, activation, and the bare in-process limit.</summary>
internal static class LocalScenarios
{
    /// <summary>Each of N caller grains calls its own target grain in a loop; both live in one silo in this process.</summary>
    public static async Task<BenchResult> LocalCallAsync(BenchOptions options, SiloFeatures features)
    {
        await using var silo = await InProcessSilo.StartAsync(features);

        // Warm up: activate every grain and let the JIT settle before the measured window.
        await RunCallersAsync(silo.GrainFactory, options.Concurrency, TimeSpan.FromSeconds(Math.Min(1, options.DurationSeconds)));
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var (samples, seconds) = await RunCallersAsync(silo.GrainFactory, options.Concurrency, TimeSpan.FromSeconds(options.DurationSeconds));
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;

        var (p50, p99) = LatencySample.Percentiles(samples);
        var result = new BenchResult(options.Scenario, samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
        // Throughput on a shared two-core machine swings with scheduling; CPU time and bytes per call are steadier
        // measures of what a call costs (they include the callers' loop and everything else the process did).
        result.Extra["cpu_us_per_call"] = Math.Round(cpu.TotalMicroseconds / Math.Max(1, result.Ops), 2);
        result.Extra["bytes_per_call"] = Math.Round((double)allocated / Math.Max(1, result.Ops));
        result.Extra["cpu_utilization"] = Math.Round(cpu.TotalSeconds / (seconds * Environment.ProcessorCount), 2);
        return result;
    }

    private static async Task<(LatencySample[] Samples, double Seconds)> RunCallersAsync(IGrainFactory factory, int concurrency, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = await Task.WhenAll(Enumerable.Range(0, concurrency)
            .Select(i => factory.GetGrain<IBenchCallerGrain>(i).CallUntil(1_000_000 + i, stop)));
        return (samples, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>
    /// The in-process limit: the same request/response through a bare channel per target and a completion source,
    /// with continuations asynchronous as in a runtime, and no runtime at all.
    /// </summary>
    public static async Task<BenchResult> LocalBaselineAsync(BenchOptions options)
    {
        var targets = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Channel.CreateUnbounded<(int Value, TaskCompletionSource<int> Reply)>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        var servers = targets.Select(channel => Task.Run(async () =>
        {
            await foreach (var (value, reply) in channel.Reader.ReadAllAsync())
            {
                reply.SetResult(value + 1);
            }
        })).ToArray();

        await RunBaselineClientsAsync(targets, TimeSpan.FromSeconds(Math.Min(1, options.DurationSeconds)));
        var (samples, seconds) = await RunBaselineClientsAsync(targets, TimeSpan.FromSeconds(options.DurationSeconds));

        foreach (var target in targets)
        {
            target.Writer.Complete();
        }

        await Task.WhenAll(servers);
        var (p50, p99) = LatencySample.Percentiles(samples);
        return new BenchResult(options.Scenario, samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
    }

    private static Task<(LatencySample[] Samples, double Seconds)> RunBaselineClientsAsync(
        Channel<(int Value, TaskCompletionSource<int> Reply)>[] targets,
        TimeSpan duration) =>
        CallerLoops.RunAsync(targets.Length, duration, slot =>
        {
            // The target answers value + 1, which is what the next call sends.
            var value = 0;
            return () =>
            {
                var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                targets[slot].Writer.TryWrite((value++, reply));
                return reply.Task;
            };
        });

    /// <summary>Activates --count distinct grains with --concurrency callers (with the platform's extensions), then measures the heap they hold.</summary>
    public static async Task<BenchResult> ActivationAsync(BenchOptions options)
    {
        await using var silo = await InProcessSilo.StartAsync(SiloFeatures.Platform);
        var factory = silo.GrainFactory;
        var management = factory.GetGrain<IManagementGrain>(0);
        await factory.GetGrain<IBenchTargetGrain>(-1).Ping(0);
        var activationsBefore = await management.GetTotalActivationCount();
        var heapBefore = FullGcHeapBytes();

        var pauseBefore = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        var perCaller = (options.Count + options.Concurrency - 1) / options.Concurrency;
        var samples = await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(caller => Task.Run(async () =>
        {
            var sample = new LatencySample();
            var first = caller * perCaller;
            var last = Math.Min(options.Count, first + perCaller);
            for (var key = first; key < last; key++)
            {
                var begin = Stopwatch.GetTimestamp();
                await factory.GetGrain<IBenchTargetGrain>(key).Ping(key);
                sample.Record(Stopwatch.GetTimestamp() - begin);
            }

            return sample;
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var gcPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds;

        var heapAfter = FullGcHeapBytes();
        var activations = await management.GetTotalActivationCount() - activationsBefore;
        var (p50, p99) = LatencySample.Percentiles(samples);
        var result = new BenchResult(options.Scenario, samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
        result.Extra["activations"] = activations;
        result.Extra["gc_pause_s"] = Math.Round(gcPause, 3);
        result.Extra["bytes_per_activation"] = Math.Round((double)(heapAfter - heapBefore) / Math.Max(1, activations), 1);
        return result;
    }

    private static long FullGcHeapBytes()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
