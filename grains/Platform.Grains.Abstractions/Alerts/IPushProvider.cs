namespace Platform.Grains.Alerts;

/// <summary>
/// The push outbox: where an alert goes when its user has no live connection (FCM/APNs in production; the embedded
/// silo stores and logs them). A silo service, called by the user's alerts grain after the alert is stored.
/// </summary>
/// <remarks>
/// A failure (or the token's cancellation) is logged by the caller and not retried: the alert stays in the user's inbox,
/// and the client gets it through <see cref="IUserAlertsGrain.Since"/> when it next connects. An implementation that
/// needs stronger delivery keeps its own queue and de-duplicates on <see cref="Alert.NotificationId"/>.
/// </remarks>
public interface IPushProvider
{
    /// <param name="recipient">The user's key, "tenant/user-id".</param>
    Task Push(string recipient, Alert alert, CancellationToken cancellationToken);
}
