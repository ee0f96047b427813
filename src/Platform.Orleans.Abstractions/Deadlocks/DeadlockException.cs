namespace Platform.Orleans.Deadlocks;

/// <summary>
/// A call would wait for a non-reentrant grain that is itself waiting further up the same call chain. Raised by the
/// caller before the call is sent, instead of letting it hang until the response timeout.
/// </summary>
[GenerateSerializer]
[Alias("Platform.Orleans.Deadlocks.DeadlockException")]
public sealed class DeadlockException : Exception
{
    [Id(0)]
    private readonly string[] _callChain;

    public DeadlockException(string message, string[] callChain)
        : base(message)
    {
        _callChain = callChain;
    }

    /// <summary>Every hop as "grain id Interface.Method", outermost first, ending with the call that was refused.</summary>
    public IReadOnlyList<string> CallChain => _callChain;
}
