namespace Platform.Bench.Grains;

internal sealed class BenchTargetGrain : Grain, IBenchTargetGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
