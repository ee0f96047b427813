using Platform.Runtime.Membership;
using Platform.Runtime.Placement;
using Platform.Runtime.Telemetry;

namespace Platform.Runtime.Cluster;

/// <summary>
/// Graceful stop without failed calls: leave the membership, tell clients at once, forward whatever still arrives to
/// the new owners, hand grains over, and close connections only once every call that reached this silo is answered.
/// </summary>
internal sealed partial class ClusterRuntime
{
    private volatile bool _leaving;
    private volatile bool _partitioned;

    /// <summary>
    /// Test fault hook: cuts this silo off from every other silo and client (connections dropped, new ones refused both
    /// ways) while it can still reach the membership table, as a network partition would.
    /// </summary>
    public void Partition()
    {
        _partitioned = true;
        foreach (var peer in _accepted.Keys)
        {
            peer.Connection?.Close(new IOException("partitioned (test fault)"));
        }

        foreach (var link in _silos.Values)
        {
            link.Peer?.Connection?.Close(new IOException("partitioned (test fault)"));
        }
    }

    /// <summary>Ends <see cref="Partition"/>.</summary>
    public void Heal() => _partitioned = false;

    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (_agent is not { } agent || _fenced)
        {
            return;
        }

        try
        {
            await agent.LeaveAsync(cancellationToken);
            var view = ClusterView.From(await _table.ReadAllAsync(cancellationToken), Self);
            _leaving = true;
            RememberPreviousOwners(_placement);
            _placement = new ZoneAwarePlacement(view.Version, view.ActiveSilos);
            TellClients(view);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RuntimeLog.ClusterLeaveFailed(_silo.Logger, exception);
        }
    }

    /// <summary>
    /// Waits until no call that arrived here is still unanswered and none has arrived for a quiet period (clients and
    /// silos have switched to the new view), or until <paramref name="timeout"/>.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = Time.GetTimestamp() + (long)(timeout.TotalSeconds * Time.TimestampFrequency);
        var quiet = (long)(_options.DrainQuietPeriod.TotalSeconds * Time.TimestampFrequency);
        while (Time.GetTimestamp() < deadline)
        {
            var now = Time.GetTimestamp();
            var peers = _accepted.Keys.Concat(_clients.Values).Distinct().ToList();
            var busy = peers.Sum(peer => peer.InboundInFlight) + _silos.Values.Sum(link => link.Peer?.PendingCount ?? 0);
            var lastArrival = peers.Count == 0 ? 0 : peers.Max(peer => peer.LastInboundTimestamp);
            if (busy == 0 && now - lastArrival >= quiet)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Time);
        }

        RuntimeLog.DrainTimedOut(_silo.Logger, timeout);
    }
}
