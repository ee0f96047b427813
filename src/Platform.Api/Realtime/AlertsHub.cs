using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Platform.Api.Security;
using Platform.Grains.Alerts;

namespace Platform.Api.Realtime;

/// <summary>
/// Live alerts for the signed-in user (any role). Each connection is a session grain registered with the user's alerts
/// grain; a client that was away calls <see cref="Resume"/> with the highest sequence it has shown.
/// </summary>
[Authorize]
internal sealed class AlertsHub(LiveConnections connections, IGrainFactory grains) : Hub<IAlertsClient>
{
    public const string Path = ApiAuthentication.HubPathPrefix + "/alerts";

    public override Task OnConnectedAsync() => connections.Open(CurrentCaller(), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => connections.Close(Context.ConnectionId);

    /// <summary>Sends the caller what it missed after <paramref name="lastSequence"/> (0: everything kept), and <see cref="IAlertsClient.Reload"/> when some of it is gone.</summary>
    /// <returns>The user's latest sequence: where the client continues from.</returns>
    public async Task<long> Resume(long lastSequence)
    {
        if (lastSequence < 0)
        {
            throw new HubException($"lastSequence must be 0 or greater; it is {lastSequence}.");
        }

        var catchUp = await grains.GetGrain<IUserAlertsGrain>(CurrentCaller().Key).Since(lastSequence);
        var connection = connections.Find(Context.ConnectionId) ?? throw new HubException("The connection is closing.");
        foreach (var alert in catchUp.Alerts)
        {
            await connection.Observer.Forward(alert);
        }

        if (catchUp.Truncated)
        {
            await Clients.Caller.Reload();
        }

        return catchUp.LastSequence;
    }

    // The token handler refuses tokens without a valid tenant and subject, so an authenticated connection always has both.
    private Caller CurrentCaller() =>
        Caller.From(Context.User ?? throw new HubException("Not authenticated.")) ?? throw new HubException("The token names no tenant and user.");
}
