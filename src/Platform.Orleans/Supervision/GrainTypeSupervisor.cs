namespace Platform.Orleans.Supervision;

/// <summary>
/// The supervisor of one grain class on one silo: counts restarts within the policy's window (on the monotonic clock of
/// <see cref="TimeProvider.GetTimestamp"/>) and quarantines the type when they exceed the restart intensity.
/// </summary>
internal sealed class GrainTypeSupervisor(string grainType, SupervisionPolicy policy, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Queue<long> _recentRestarts = new();

    // 0 while not quarantined, so the check on every call is one volatile read.
    private long _quarantinedUntil;

    public string GrainType { get; } = grainType;

    public SupervisionPolicy Policy { get; } = policy;

    public void ThrowIfQuarantined()
    {
        var until = Volatile.Read(ref _quarantinedUntil);
        if (until == 0)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (now >= until)
        {
            lock (_lock)
            {
                if (_quarantinedUntil == until)
                {
                    // The cool-down is a fresh start: restarts from before the quarantine no longer count.
                    _quarantinedUntil = 0;
                    _recentRestarts.Clear();
                }
            }

            return;
        }

        var remaining = time.GetElapsedTime(now, until);
        var untilTime = time.GetUtcNow() + remaining;
        throw new GrainQuarantinedException(
            $"Grain type '{GrainType}' is quarantined on this silo for another {remaining.TotalSeconds:0.#} s (until {untilTime:O}): " +
            $"it was restarted more than {Policy.MaxRestarts} times within {Policy.Window.TotalSeconds:0.#} s. " +
            "Calls fail at once until the cool-down ends.",
            GrainType,
            untilTime);
    }

    /// <summary>Counts one restart; returns whether it started a quarantine.</summary>
    public bool RecordRestart(TimeSpan coolDown)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var windowStart = now - ToTimestampTicks(Policy.Window);
            while (_recentRestarts.Count > 0 && _recentRestarts.Peek() <= windowStart)
            {
                _recentRestarts.Dequeue();
            }

            _recentRestarts.Enqueue(now);
            if (_recentRestarts.Count <= Policy.MaxRestarts || _quarantinedUntil != 0)
            {
                return false;
            }

            Volatile.Write(ref _quarantinedUntil, now + ToTimestampTicks(coolDown));
            return true;
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
