using Platform.Grains.Alerts;

namespace Platform.Grains.Sessions;

/// <summary>What an open <see cref="SessionGrain"/> holds in memory: whose connection it is and when it was last heard of.</summary>
/// <param name="ConnectionId">The connection id the user's alerts grain knows it by: the id part of the session key.</param>
internal sealed record OpenSession(string UserKey, string ConnectionId, IUserAlertsGrain Alerts, IAlertObserver Observer, DateTimeOffset LastHeartbeat);
