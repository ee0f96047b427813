using Platform.Serialization;

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

    /// <summary>The method's stable id on the wire (a hash of interface, method and parameter types); 0 for runtime turns.</summary>
    public virtual uint MethodId => 0;

    internal GrainId Target;

    /// <summary>Set on the silo that received this call over the wire: told once the call has a result or failure.</summary>
    internal IRemoteResponder? Responder;

    /// <summary>The caller's correlation id when this call arrived over the wire, echoed in the response.</summary>
    internal long InboundCorrelationId;

    /// <summary>How many silos have forwarded this call; bounded so that disagreeing views cannot bounce it forever.</summary>
    internal byte Hops;

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

    /// <summary>The failure the call completed with, or null if it succeeded or has not completed.</summary>
    internal abstract Exception? Failure { get; }

    /// <summary>Writes the arguments (all but a cancellation token) in declaration order.</summary>
    internal void WriteArgumentsTo(WireWriter writer) => WriteArguments(writer);

    protected virtual void WriteArguments(WireWriter writer)
    {
    }

    /// <summary>Writes the completed call's result; nothing for methods without one.</summary>
    internal abstract void WriteResult(WireWriter writer);

    /// <summary>Completes the caller with the result read from a response frame.</summary>
    internal abstract void CompleteFromWire(ref WireReader reader);

    public override string ToString() => $"{Target}.{MethodName}";
}
