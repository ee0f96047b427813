using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Holds a stopping silo open for <see cref="GracefulLeaveOptions.RejectWindow"/> after Orleans blocked application
/// requests (stage RuntimeServices) and before it marks itself Dead and closes its connections (stage
/// RuntimeInitialize). In that window every request still on its way here (a peer's stale directory entry, a gateway
/// forwarding a client's call) is answered with a rejection, which the callers' retry re-sends elsewhere; without it,
/// requests already on the wire when the connections close get no answer and their callers wait out the timeout.
/// </summary>
internal sealed partial class GracefulLeaveParticipant(ILogger<GracefulLeaveParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(GracefulLeaveParticipant), ServiceLifecycleStage.RuntimeServices - 1, _ => Task.CompletedTask, RejectLateRequestsAsync);

    private async Task RejectLateRequestsAsync(CancellationToken cancellation)
    {
        LogRejecting(logger, GracefulLeaveOptions.RejectWindow);
        await Task.Delay(GracefulLeaveOptions.RejectWindow, cancellation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving: rejecting late requests for {Window} before closing connections")]
    private static partial void LogRejecting(ILogger logger, TimeSpan window);
}
