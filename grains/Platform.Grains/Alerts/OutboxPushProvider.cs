using Microsoft.Extensions.Logging;

namespace Platform.Grains.Alerts;

/// <summary>
/// The embedded push provider: logs every push and keeps it in the user's <see cref="IPushOutboxGrain"/>, where anyone
/// with a cluster client sees what a phone would have received. Production registers FCM/APNs instead.
/// </summary>
internal sealed class OutboxPushProvider(IGrainFactory grains, ILogger<OutboxPushProvider> logger) : IPushProvider
{
    public async Task Push(string recipient, Alert alert, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IPushOutboxGrain>(recipient).Add(alert).WaitAsync(cancellationToken);
        AlertLog.Pushed(logger, recipient, alert.Sequence, alert.Kind, alert.NotificationId);
    }
}
