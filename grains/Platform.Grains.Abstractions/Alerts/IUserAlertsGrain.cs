using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Alerts;

/// <summary>
/// One user's alerts, keyed by the user's "tenant/user-id". Orleans activates it for the user's notification stream
/// (implicit subscription): each new notification id becomes an <see cref="Alert"/> with the next sequence, is stored,
/// and is then delivered to every live connection, or to the push outbox (<see cref="IPushProvider"/>) when there is none
/// or none took it.
/// </summary>
/// <remarks>
/// Connections are kept in the activation only, as leases (<see cref="AlertLease.Duration"/>, set by the silos'
/// configuration) that the front end renews by calling <see cref="Connect"/> after a third of each. A connection is dropped when
/// its lease runs out, when a delivery to it fails, or when it does not answer within
/// <see cref="AlertTerms.DeliveryTimeout"/>: a dead API instance's connections stop receiving within the first of
/// these, and their alerts go to the push outbox. If the grain is re-activated (its silo died, it restarted) it knows no
/// connection until the next renewals; alerts in between go to the push outbox, and <see cref="AlertLease.LastSequence"/>
/// tells the renewing connection to catch up (the front end then sends it what it missed).
/// </remarks>
[Alias("platform.alerts.IUserAlertsGrain")]
public interface IUserAlertsGrain : IGrainWithStringKey
{
    /// <summary>Registers a live connection of the user, or renews its lease (same id: the observer is replaced).</summary>
    /// <exception cref="ArgumentException">The connection id is empty or longer than <see cref="AlertTerms.MaxConnectionIdLength"/>.</exception>
    [Idempotent]
    [Alias("Connect")]
    Task<AlertLease> Connect(string connectionId, IAlertObserver observer);

    /// <summary>Forgets a connection (closed by the client); unknown ids are ignored.</summary>
    [Idempotent]
    [Alias("Disconnect")]
    Task Disconnect(string connectionId);

    /// <summary>The kept alerts after <paramref name="sequence"/> (0: all kept), in order; see <see cref="AlertCatchUp"/>.</summary>
    /// <remarks>A sequence beyond the user's latest (a client that kept a number from elsewhere) returns no alerts.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is negative.</exception>
    [ReadOnly]
    [Idempotent]
    [Alias("Since")]
    Task<AlertCatchUp> Since(long sequence);
}
