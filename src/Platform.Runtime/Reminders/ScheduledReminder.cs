namespace Platform.Runtime.Reminders;

/// <summary>
/// The timer of one reminder on the silo that owns its grain. At each due time it claims the tick in the table and
/// delivers it only if the claim succeeded. When it wakes after several due times (nobody fired the reminder while its
/// owner changed, or the silo was down), it claims and delivers only the latest: missed ticks are not replayed.
/// </summary>
internal sealed class ScheduledReminder : IDisposable
{
    /// <summary>How soon a claim that failed (the table is unreachable) is tried again, unless the period is shorter.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Timers refuse due times beyond about 49 days; a longer wait wakes up early and waits again.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly ReminderService _service;
    private readonly ITimer _timer;
    private long _lastTick;
    private volatile bool _disposed;

    public ScheduledReminder(ReminderService service, ReminderEntry entry, long sequence)
    {
        _service = service;
        Entry = entry;
        Sequence = sequence;
        _lastTick = entry.LastTick;
        _timer = service.Time.CreateTimer(static state => _ = ((ScheduledReminder)state!).TickAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ReminderEntry Entry { get; }

    /// <summary>Increases with every timer the service creates; tells a sync which timers are newer than its read.</summary>
    public long Sequence { get; }

    public void Start() => Arm();

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }

    /// <summary>One-shot: the next wake-up is armed only after a tick's claim finished, so claims never overlap.</summary>
    private void Arm()
    {
        if (_disposed)
        {
            return;
        }

        var now = _service.Time.GetUtcNow();
        var delay = Entry.DueTick(now) > _lastTick ? TimeSpan.Zero : Entry.TickTime(_lastTick + 1) - now;
        _timer.Change(delay < MaxWait ? delay : MaxWait, Timeout.InfiniteTimeSpan);
    }

    private async Task TickAsync()
    {
        if (_disposed)
        {
            return;
        }

        var tick = Entry.DueTick(_service.Time.GetUtcNow());
        if (tick <= _lastTick)
        {
            // Woke before the due time (timer and wall clock differ slightly, or the wait was capped): wait again.
            Arm();
            return;
        }

        if (!_service.Owns(Entry.GrainId))
        {
            _service.Release(this);
            return;
        }

        try
        {
            if (await _service.Table.TryClaimTickAsync(Entry, tick, CancellationToken.None))
            {
                _lastTick = tick;
                _service.Deliver(Entry, tick);
            }
            else
            {
                // Another silo delivered this tick or a later one, or the reminder was changed or removed meanwhile.
                RuntimeLog.ReminderTickClaimedElsewhere(_service.Logger, Entry.GrainId, Entry.ReminderName, tick);
                var stored = await _service.Table.ReadAsync(Entry.GrainId, Entry.ReminderName, CancellationToken.None);
                if (!_service.Follow(this, stored))
                {
                    return;
                }

                _lastTick = Math.Max(tick, stored!.LastTick);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Without a claim the tick cannot be delivered safely; try again soon, within this period if it is long.
            RuntimeLog.ReminderClaimFailed(_service.Logger, exception, Entry.GrainId, Entry.ReminderName, tick);
            if (!_disposed)
            {
                _timer.Change(Entry.Period < RetryDelay ? Entry.Period : RetryDelay, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        Arm();
    }
}
