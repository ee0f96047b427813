using Microsoft.AspNetCore.SignalR;
using Platform.Grains.Alerts;

namespace Platform.Api.Realtime;

/// <summary>
/// One SignalR connection as the user's alerts grain sees it: hands each alert to the connection and returns, as
/// <see cref="IAlertObserver"/> requires. Also the path of <see cref="AlertsHub.Resume"/>, so that an alert arriving live
/// while the client catches up reaches the connection once, not twice, and of the catch-up after a renewal: alerts the
/// user's alerts grain pushed while it did not know this connection (it was re-activated) are sent once the renewal
/// shows them.
/// </summary>
internal sealed class HubAlertObserver(string connectionId, IHubContext<AlertsHub, IAlertsClient> hub) : IAlertObserver
{
    // Bounded like the user's inbox: Resume never returns older alerts than the inbox keeps.
    private readonly SortedSet<long> _sent = [];

    /// <summary>
    /// Alerts at or below it are the client's business (<see cref="AlertsHub.Resume"/>): the user's latest sequence when
    /// the connection opened, raised past any sequence dropped from <see cref="_sent"/>.
    /// </summary>
    private long _baseline;

    /// <summary>The sequence after which this connection expects every alert live: the lease's, when the connection opened.</summary>
    public void StartAfter(long sequence)
    {
        lock (_sent)
        {
            _baseline = sequence;
        }
    }

    /// <summary>
    /// The sequence to catch up from when an alert up to <paramref name="lastSequence"/> (a renewed lease's) after the
    /// baseline never reached this connection; null when nothing is missing.
    /// </summary>
    public long? MissingAfter(long lastSequence)
    {
        lock (_sent)
        {
            if (lastSequence <= _baseline)
            {
                return null;
            }

            var sent = _sent.GetViewBetween(_baseline + 1, lastSequence).Count;
            return sent < lastSequence - _baseline ? _baseline : null;
        }
    }

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
                _baseline = Math.Max(_baseline, _sent.Min);
                _sent.Remove(_sent.Min);
            }

            return true;
        }
    }
}
