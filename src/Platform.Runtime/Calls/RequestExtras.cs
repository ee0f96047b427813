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

    /// <summary>The span context to send with the call: the client span here, else the remote caller's.</summary>
    public ActivityContext TraceParent => ClientActivity?.Context ?? RemoteParent;
}
