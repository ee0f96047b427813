using Platform.Grains.Alerts;
using Platform.Grains.Sessions;

namespace Platform.Api.Realtime;

/// <summary>A SignalR connection of this API instance and the session grain that stands for it in the cluster.</summary>
/// <param name="observer">Held here for the connection's life: Orleans holds observers weakly.</param>
/// <param name="reference">The grain reference of <paramref name="observer"/>, what the session registers with the user's alerts grain.</param>
internal sealed class LiveConnection(string connectionId, string userKey, ISessionGrain session, HubAlertObserver observer, IAlertObserver reference)
{
    private long _renewAtTicks = DateTimeOffset.MaxValue.UtcTicks;

    public string ConnectionId => connectionId;

    public string UserKey => userKey;

    public ISessionGrain Session => session;

    public HubAlertObserver Observer => observer;

    public IAlertObserver Reference => reference;

    /// <summary>When the session is due for renewal: a third of its lease after the last grant, so two renewals may fail.</summary>
    public DateTimeOffset RenewAt => new(Interlocked.Read(ref _renewAtTicks), TimeSpan.Zero);

    public void Granted(AlertLease lease, DateTimeOffset now) => RenewAfter(now + lease.Duration / 3);

    public void RenewAfter(DateTimeOffset at) => Interlocked.Exchange(ref _renewAtTicks, at.UtcTicks);
}
