namespace Platform.Bench.Grains;

public interface IBenchTargetGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}
