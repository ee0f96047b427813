using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Platform.Orleans.Resilience;

/// <summary>
/// What the exception a grain call ended with proves about the callee. Read from Orleans 10.4.2 (CallbackData,
/// MessageCenter, ClientMessageCenter, SiloConnection, GatewayInboundConnection, PlacementService) and pinned by the
/// tests in tests/Platform.Orleans.Tests/Resilience: a rejection reaches the caller either as a bare
/// <see cref="OrleansMessageRejectionException"/> or as the exception the rejecting silo attached, so the attached
/// ones that only come from before delivery are recognised by their exact message.
/// </summary>
internal static class CallFailures
{
    /// <summary>
    /// The message of <c>new SiloUnavailableException()</c>, the instance Orleans attaches to a rejection it raises
    /// before delivering a request (target silo known to be dead, send to a silo failed). The exception for a call
    /// whose target silo died while the call was pending reads "The target silo became unavailable for message ...".
    /// </summary>
    private static readonly string SendRejectedMessage = new SiloUnavailableException().Message;

    /// <summary>Placement on a stopping silo: <c>Silo 'S...' is shutting down.</c></summary>
    private const string PlacementStoppingSuffix = "' is shutting down.";

    /// <summary>Placement found no silo for the grain type (the cluster view lacks one during a restart).</summary>
    private const string PlacementFoundNoSiloPrefix = "No active nodes are compatible with grain ";

    /// <summary>
    /// A silo that was declared dead but has not noticed yet (resumed after a pause) activated the grain, and the directory
    /// refused to register the activation: <c>Trying to register G on invalid silo: S. Known status: Dead</c>. The
    /// activation failed before it handled any message.
    /// </summary>
    private const string RegisteredOnDeadSiloPrefix = "Trying to register ";

    private const string RegisteredOnDeadSiloInfix = " on invalid silo: ";

    /// <summary>
    /// Placement gave up because the request's time to live ran out while the target was being placed (a silo died,
    /// the directory was moving): the request never reached an activation. Raised as a cancellation or a timeout.
    /// </summary>
    private const string ExpiredBeforePlacementPrefix = "Message expired before placement could complete for grain ";

    /// <summary>
    /// True when Orleans refused or failed to deliver the request, so the callee cannot have run it: a plain rejection
    /// (forwarding exhausted, activation gone, silo stopping, send failed, no gateway), a gateway shedding load, a send
    /// to a silo known to be dead, a placement that failed or ran out of time, an activation on a silo declared dead, a
    /// connection that could not be opened.
    /// </summary>
    public static bool ProvesNeverRan(Exception exception) => exception switch
    {
        GatewayTooBusyException => true,
        SiloUnavailableException unavailable => unavailable.Message == SendRejectedMessage
            || (unavailable.Message.StartsWith("Silo '", StringComparison.Ordinal) && unavailable.Message.EndsWith(PlacementStoppingSuffix, StringComparison.Ordinal)),
        OrleansMessageRejectionException rejection => rejection.GetType() == typeof(OrleansMessageRejectionException),
        ConnectionFailedException => true,
        OrleansException refusal => refusal.GetType() == typeof(OrleansException)
            && (refusal.Message.StartsWith(PlacementFoundNoSiloPrefix, StringComparison.Ordinal)
                || (refusal.Message.StartsWith(RegisteredOnDeadSiloPrefix, StringComparison.Ordinal)
                    && refusal.Message.Contains(RegisteredOnDeadSiloInfix, StringComparison.Ordinal))),
        OperationCanceledException or TimeoutException => exception.Message.StartsWith(ExpiredBeforePlacementPrefix, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// True for the failures of the path between caller and callee (which an idempotent call may be re-sent after);
    /// false for exceptions the grain method threw.
    /// </summary>
    public static bool IsDeliveryFailure(Exception exception) =>
        ProvesNeverRan(exception) || exception is OrleansMessageRejectionException or TimeoutException;

    /// <summary>
    /// True when the cluster refused the call because it is overloaded: a gateway shedding load (its silo is past its
    /// CPU or memory threshold) or an activation past its queue limit. The call never ran, but re-sending it would only
    /// feed the overload (a client keeps each grain's calls on one gateway connection, so the re-sent call meets the same
    /// shedding silo), and a caller that sees the refusal at once can answer at once: the API's 503 with Retry-After.
    /// </summary>
    public static bool IsOverload(Exception exception) => exception is GatewayTooBusyException or LimitExceededException;
}
