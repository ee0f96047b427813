using System.Diagnostics;

namespace Platform.Bench.Grains;

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
