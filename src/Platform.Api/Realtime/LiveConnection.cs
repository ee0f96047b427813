using Platform.Grains.Alerts;
using Platform.Grains.Sessions;

namespace Platform.Api.Realtime;

/// <summary>A SignalR connection of this API instance and the session grain that stands for it in the cluster.</summary>
/// <param name="Observer">Held here for the connection's life: Orleans holds observers weakly.</param>
/// <param name="Reference">The grain reference of <paramref name="Observer"/>, what the session registers with the user's alerts grain.</param>
internal sealed record LiveConnection(string ConnectionId, string UserKey, ISessionGrain Session, HubAlertObserver Observer, IAlertObserver Reference);
