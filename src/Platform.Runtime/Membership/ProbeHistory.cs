namespace Platform.Runtime.Membership;

/// <summary>
/// Per probe target: missed probes in a row and when it last answered. Probe results and the transport's
/// <see cref="MembershipAgent.ReportUnreachable"/> hints arrive on different threads.
/// </summary>
internal sealed class ProbeHistory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, Target> _targets = [];

    /// <summary>On every new view: starts tracking new targets and forgets silos that are no longer probed.</summary>
    public void Retain(IReadOnlyList<SiloAddress> targets)
    {
        lock (_lock)
        {
            foreach (var silo in _targets.Keys.Except(targets).ToList())
            {
                _targets.Remove(silo);
            }

            foreach (var silo in targets)
            {
                _targets.TryAdd(silo, new Target());
            }
        }
    }

    public void Answered(SiloAddress silo, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_targets.TryGetValue(silo, out var target))
            {
                target.Misses = 0;
                target.LastAnswer = now;
            }
        }
    }

    /// <returns>The misses in a row so far; 0 for a silo that is not a probe target.</returns>
    public int Missed(SiloAddress silo)
    {
        lock (_lock)
        {
            return _targets.TryGetValue(silo, out var target) ? ++target.Misses : 0;
        }
    }

    public bool AnsweredSince(SiloAddress silo, DateTimeOffset since)
    {
        lock (_lock)
        {
            return _targets.TryGetValue(silo, out var target) && target.LastAnswer >= since;
        }
    }

    private sealed class Target
    {
        public int Misses { get; set; }

        public DateTimeOffset? LastAnswer { get; set; }
    }
}
