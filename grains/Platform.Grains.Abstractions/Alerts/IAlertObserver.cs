namespace Platform.Grains.Alerts;

/// <summary>
/// One live front-end connection (a SignalR connection on some API instance), as an Orleans grain observer created with
/// <c>IClusterClient.CreateObjectReference</c> and registered with <see cref="IUserAlertsGrain.Connect"/>.
/// </summary>
/// <remarks>
/// <see cref="Deliver"/> must only hand the alert to the connection and return: it must not call the user's alerts grain
/// (that grain is waiting for it), and it must answer within <see cref="AlertTerms.DeliveryTimeout"/> or throw; either a
/// failure or a late answer drops the connection. Alerts for one user arrive one at a time, in sequence order.
/// </remarks>
[Alias("platform.alerts.IAlertObserver")]
public interface IAlertObserver : IGrainObserver
{
    [Alias("Deliver")]
    Task Deliver(Alert alert);
}
