namespace Platform;

/// <summary>
/// A call would wait for a non-reentrant grain that is itself waiting further up the same call chain. Raised at once,
/// instead of letting the call hang until its deadline.
/// </summary>
public sealed class DeadlockException(string message, IReadOnlyList<string> callChain) : PlatformException(message)
{
    /// <summary>The chain of calls, outermost first, ending with the call that was refused.</summary>
    public IReadOnlyList<string> CallChain { get; } = callChain;
}
