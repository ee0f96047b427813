using System.Diagnostics;

namespace Platform.Bench;

public interface IBenchTargetGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public interface IBenchCallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls its target in a loop until <paramref name="stopTimestamp"/>; returns sampled call latencies in ticks.</summary>
    Task<LatencySample> CallUntil(long targetKey, long stopTimestamp);
}

internal sealed class BenchTargetGrain : Grain, IBenchTargetGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

internal sealed class BenchCallerGrain : Grain, IBenchCallerGrain
{
    public async Task<LatencySample> CallUntil(long targetKey, long stopTimestamp)
    {
        var target = GrainFactory.GetGrain<IBenchTargetGrain>(targetKey);
        var sample = new LatencySample();
        var value = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            value = await target.Ping(value);
            var end = Stopwatch.GetTimestamp();
            sample.Record(end - start);
            if (end >= stopTimestamp)
            {
                return sample;
            }
        }
    }
}
