using System.Diagnostics;

namespace Platform.Runtime.Calls;

/// <summary>Per-call bookkeeping needed only when a call can be cancelled or is traced; absent on the fast path.</summary>
internal sealed class RequestExtras
{
    public CancellationTokenRegistration Cancellation;

    public Activity? ClientActivity;

    public Activity? ServerActivity;

    /// <summary>The caller's span when the call came over the wire (W3C trace context), parent of the server span.</summary>
    public ActivityContext RemoteParent;

    /// <summary>The connection and correlation id a cancellable call left on, to tell the callee when it is cancelled.</summary>
    public Messaging.PeerConnection? SentOn;

    public long SentAs;

    /// <summary>Completes the caller as cancelled and, if the call went over the wire, asks the callee to cancel too.</summary>
    public static void Cancel(Invocation.Request request, CancellationToken token)
    {
        request.TryFailCaller(new OperationCanceledException(
            $"Call {request.InterfaceName}.{request.MethodName} to {request.Target} was cancelled by the caller.", token));
        if (request.Extras is RequestExtras { SentOn: { } connection } extras)
        {
            connection.SendCancel(extras.SentAs);
        }
    }

    /// <summary>The span context to send with the call: the client span here, else the remote caller's.</summary>
    public ActivityContext TraceParent => ClientActivity?.Context ?? RemoteParent;
}
