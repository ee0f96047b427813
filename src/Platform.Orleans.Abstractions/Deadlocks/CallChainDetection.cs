using Orleans.Runtime;

namespace Platform.Orleans.Deadlocks;

/// <summary>What grain code sees of deadlock detection: the call chain that travels in <see cref="RequestContext"/>.</summary>
public static class CallChainDetection
{
    /// <summary>The <see cref="RequestContext"/> key under which the call chain travels.</summary>
    public const string RequestContextKey = "platform.call-chain";

    /// <summary>
    /// Calls made inside the returned scope start a new call chain. Use it for calls the current grain does not await
    /// (fire-and-forget): their callees may call back into this grain after its turn ended, which is no deadlock.
    /// </summary>
    public static DetachedCallChainScope DetachCallChain() => new(RequestContext.Get(RequestContextKey));
}
