using Microsoft.AspNetCore.SignalR;
using Platform.Grains.Alerts;

namespace Platform.Api.Realtime;

/// <summary>
/// One SignalR connection as the user's alerts grain sees it: hands each alert to the connection and returns, as
/// <see cref="IAlertObserver"/> requires. Also the path of <see cref="AlertsHub.Resume"/>, so that an alert arriving live
/// while the client catches up reaches the connection once, not twice.
/// </summary>
internal sealed class HubAlertObserver(string connectionId, IHubContext<AlertsHub, IAlertsClient> hub) : IAlertObserver
{
    // Bounded like the user's inbox: Resume never returns older alerts than the inbox keeps.
    private readonly SortedSet<long> _sent = [];

    public Task Deliver(Alert alert) => Forward(alert);

    /// <summary>Sends <paramref name="alert"/> to the connection unless it was sent on it before.</summary>
    public async Task Forward(Alert alert)
    {
        if (!MarkSent(alert.Sequence))
        {
            return;
        }

        await hub.Clients.Client(connectionId).Alert(AlertMessage.From(alert));
    }

    private bool MarkSent(long sequence)
    {
        lock (_sent)
        {
            if (!_sent.Add(sequence))
            {
                return false;
            }

            if (_sent.Count > AlertTerms.InboxCapacity)
            {
                _sent.Remove(_sent.Min);
            }

            return true;
        }
    }
}
