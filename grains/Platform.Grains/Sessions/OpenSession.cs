using Platform.Grains.Alerts;

namespace Platform.Grains.Sessions;

/// <summary>What an open <see cref="SessionGrain"/> holds in memory: whose connection it is and when it was last heard of.</summary>
/// <param name="ConnectionId">The connection id the user's alerts grain knows it by: the id part of the session key.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sessions.OpenSession")]
internal sealed record OpenSession(
    [property: Id(0)] string UserKey,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] IUserAlertsGrain Alerts,
    [property: Id(3)] IAlertObserver Observer,
    [property: Id(4)] DateTimeOffset LastHeartbeat);
