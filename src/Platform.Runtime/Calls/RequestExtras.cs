using System.Diagnostics;

namespace Platform.Runtime.Calls;

/// <summary>Per-call bookkeeping needed only when a call can be cancelled or is traced; absent on the fast path.</summary>
internal sealed class RequestExtras
{
    public CancellationTokenRegistration Cancellation;

    public Activity? ClientActivity;

    public Activity? ServerActivity;
}
