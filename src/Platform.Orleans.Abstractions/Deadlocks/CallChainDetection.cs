using Orleans.Runtime;

namespace Platform.Orleans.Deadlocks;

/// <summary>What grain code sees of deadlock detection: the call chain of the turn it runs in.</summary>
public static class CallChainDetection
{
    /// <summary>The <see cref="RequestContext"/> key under which the call chain travels to grains on other silos.</summary>
    public const string RequestContextKey = "platform.call-chain";

    /// <summary>
    /// The chain of a running turn that may run beside other turns of its activation, or <see cref="CallChain.Detached"/>.
    /// An <see cref="AsyncLocal{T}"/> of its own rather than a <see cref="RequestContext"/> entry: Orleans copies a
    /// non-empty request context into every request and response and imports it into every turn, about 1 KB and a
    /// microsecond per call. Turns that hold their activation alone keep their chain on the activation instead.
    /// </summary>
    internal static readonly AsyncLocal<CallChain?> Current = new();

    /// <summary>
    /// Calls made inside the returned scope start a new call chain. Use it for calls the current grain does not await
    /// (fire-and-forget): their callees may call back into this grain after its turn ended, which is no deadlock.
    /// </summary>
    public static DetachedCallChainScope DetachCallChain() => new(Current.Value);
}
