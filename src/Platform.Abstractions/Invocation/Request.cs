namespace Platform.Invocation;

/// <summary>
/// One call to one grain method: the generated subclass holds the arguments and invokes the method; this base holds what
/// the runtime tracks while the call is queued and running. A request is used for exactly one call.
/// </summary>
public abstract class Request
{
    public abstract string InterfaceName { get; }

    public abstract string MethodName { get; }

    public virtual RequestOptions Options => RequestOptions.None;

    /// <summary>The method's own deadline from <c>[ResponseTimeout]</c>, or null for the caller's or silo's default.</summary>
    public virtual TimeSpan? ResponseTimeout => null;

    /// <summary>The <see cref="System.Threading.CancellationToken"/> argument of the method, if it has one.</summary>
    public virtual CancellationToken CancellationToken => default;

    internal GrainId Target;

    /// <summary>The request whose turn issued this call: the call chain used to detect deadlocks.</summary>
    internal Request? Parent;

    /// <summary>The activation this request was queued on, so that a chain can be checked against running turns.</summary>
    internal object? Host;

    internal long DeadlineTimestamp;

    internal long StartTimestamp;

    internal RequestExecutionState ExecutionState;

    /// <summary>Telemetry and cancellation bookkeeping; null on the fast path when neither is in use.</summary>
    internal object? Extras;

    internal bool IsOneWay => (Options & RequestOptions.OneWay) != 0;

    /// <summary>Invokes the grain method and reports to <paramref name="observer"/> when it has finished.</summary>
    internal abstract void Execute(object grain, IRequestObserver observer);

    /// <summary>Completes the caller with <paramref name="exception"/> unless it was already completed.</summary>
    internal abstract bool TryFailCaller(Exception exception);

    internal abstract bool IsCallerCompleted { get; }

    public override string ToString() => $"{Target}.{MethodName}";
}
