namespace Platform.Bench.Grains;

public interface IBenchCallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls its target in a loop until <paramref name="stopTimestamp"/>; returns sampled call latencies in ticks.</summary>
    Task<LatencySample> CallUntil(long targetKey, long stopTimestamp);
}
