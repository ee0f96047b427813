namespace Platform.Runtime.Tests.Grains;

/// <summary>Calls along a path of grain keys, so that tests can build call cycles.</summary>
public interface IChainGrain : IGrainWithStringKey
{
    Task<string> CallThrough(string[] path);

    [OneWay]
    Task CallThroughOneWay(string[] path);
}

public interface IReentrantChainGrain : IGrainWithStringKey
{
    Task<string> CallThrough(string[] path);
}

internal sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<string> CallThrough(string[] path) =>
        path.Length == 0 ? GetPrimaryKeyString() : $"{GetPrimaryKeyString()}>{await GrainFactory.GetGrain<IChainGrain>(path[0]).CallThrough(path[1..])}";

    public async Task CallThroughOneWay(string[] path) => await CallThrough(path);
}

[Reentrant]
internal sealed class ReentrantChainGrain : Grain, IReentrantChainGrain
{
    public async Task<string> CallThrough(string[] path) =>
        path.Length == 0 ? GetPrimaryKeyString() : $"{GetPrimaryKeyString()}>{await GrainFactory.GetGrain<IReentrantChainGrain>(path[0]).CallThrough(path[1..])}";
}
