namespace Platform.Runtime.Membership;

/// <summary>
/// Finds silos whose heartbeat (IAmAliveTime) has not moved for <see cref="ClusterMembershipOptions.IAmAliveTimeout"/>.
/// Staleness is measured on the observer's own clock, from the first read that showed the current value, so clock
/// skew between silos does not matter. A gap between reads longer than two refresh periods (a failed read, a paused
/// process) starts the measurement again: the observer cannot tell whether heartbeats were written meanwhile, and after
/// a table outage every heartbeat would otherwise look stale at once.
/// </summary>
internal sealed class HeartbeatWatch(ClusterMembershipOptions options)
{
    private readonly Dictionary<SiloAddress, (DateTimeOffset Value, DateTimeOffset Since)> _seen = [];
    private DateTimeOffset? _lastRead;

    /// <returns>The rows, other than <paramref name="self"/> and not dead, whose heartbeat is stale.</returns>
    public IReadOnlyList<MembershipEntry> Observe(MembershipSnapshot snapshot, SiloAddress self, DateTimeOffset now)
    {
        if (_lastRead is { } last && now - last > 2 * options.TableRefreshPeriod)
        {
            _seen.Clear();
        }

        _lastRead = now;
        var watched = snapshot.Entries.Where(entry => entry.Silo != self && entry.Status != SiloStatus.Dead).ToList();
        foreach (var gone in _seen.Keys.Except(watched.Select(entry => entry.Silo)).ToList())
        {
            _seen.Remove(gone);
        }

        var stale = new List<MembershipEntry>();
        foreach (var entry in watched)
        {
            if (!_seen.TryGetValue(entry.Silo, out var seen) || seen.Value != entry.IAmAliveTime)
            {
                _seen[entry.Silo] = (entry.IAmAliveTime, now);
            }
            else if (now - seen.Since >= options.IAmAliveTimeout)
            {
                stale.Add(entry);
            }
        }

        return stale;
    }

    /// <summary>After a failed read.</summary>
    public void Reset()
    {
        _seen.Clear();
        _lastRead = null;
    }
}
