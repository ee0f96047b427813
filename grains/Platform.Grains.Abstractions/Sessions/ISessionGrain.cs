using Orleans.Concurrency;
using Platform.Grains.Alerts;

namespace Platform.Grains.Sessions;

/// <summary>
/// One live front-end connection (a SignalR connection on some API instance), keyed "tenant/connection-id". It holds the
/// connection's registration with the user's <see cref="IUserAlertsGrain"/> and renews it on every <see cref="Heartbeat"/>.
/// A session that hears no heartbeat for the lease (<see cref="AlertLease.Duration"/>) counts as dead (its API instance is gone):
/// it disconnects from the user's alerts grain and deactivates, so the user's alerts go to the push outbox.
/// </summary>
/// <remarks>Kept in memory only: observers die with their API instance, so there is nothing worth storing.</remarks>
[Alias("platform.sessions.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Registers <paramref name="observer"/> as this connection of <paramref name="userKey"/> ("tenant/user-id", the session's tenant).</summary>
    /// <exception cref="ArgumentException">The session key or <paramref name="userKey"/> is malformed.</exception>
    /// <exception cref="Tenancy.TenantMismatchException">The user belongs to another tenant than the session.</exception>
    /// <exception cref="InvalidOperationException">The session is open for another user.</exception>
    [Alias("Open")]
    Task<AlertLease> Open(string userKey, IAlertObserver observer);

    /// <summary>
    /// Marks the connection alive and renews its lease with the user's alerts grain. Null when the session is not open
    /// (it expired, was closed, or its silo died): the caller opens it again.
    /// </summary>
    [Alias("Heartbeat")]
    Task<AlertLease?> Heartbeat();

    /// <summary>Whether the session is open (it has not expired, been closed or lost its silo); changes nothing. For operators and tests.</summary>
    [ReadOnly]
    [Alias("IsOpen")]
    Task<bool> IsOpen();

    /// <summary>Disconnects from the user's alerts grain and deactivates; a session that is not open just deactivates.</summary>
    [Alias("Close")]
    Task Close();
}
