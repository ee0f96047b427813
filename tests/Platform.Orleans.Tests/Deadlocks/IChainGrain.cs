using Orleans.Concurrency;

namespace Platform.Orleans.Tests.Deadlocks;

/// <summary>
/// Visits a path of grains, each calling the next and waiting for it. A path element is "grain type:key", with a
/// trailing "!" to call the [AlwaysInterleave] method instead.
/// </summary>
public interface IChainGrain : IGrainWithStringKey
{
    Task<string> Visit(string[] path);

    [AlwaysInterleave]
    Task<string> VisitInterleaved(string[] path);

    /// <summary>Visits the path inside <see cref="RequestContext.AllowCallChainReentrancy"/>.</summary>
    Task<string> VisitAllowingCallChainReentrancy(string[] path);

    /// <summary>
    /// Starts a visit of the path without waiting for it, then returns; the visit's outcome goes to
    /// <see cref="ChainGrainBase.Outcome"/> (the test cluster runs in the test's process).
    /// </summary>
    Task StartUnawaitedVisit(string[] path, bool detachCallChain);

    /// <summary>Sends a one-way <see cref="VisitOneWay"/> to <paramref name="target"/>, then returns.</summary>
    Task SendOneWay(string target, string[] path);

    /// <summary>Visits the path; the outcome goes to <see cref="ChainGrainBase.Outcome"/>.</summary>
    [OneWay]
    Task VisitOneWay(string[] path);

    /// <summary>Calls the client's observer, which visits the path from the client.</summary>
    Task<string> VisitThroughObserver(IChainObserver observer, string[] path);

    Task<string> WhereAmI();
}
