using Platform.Reminders;
using Platform.Runtime.Membership;

namespace Platform.Runtime.Reminders;

/// <summary>
/// Fires reminders. A silo schedules only the reminders of grains it owns in its current view (a standalone silo owns
/// every grain) and re-reads the table on every view change and every <see cref="SiloOptions.ReminderSyncPeriod"/>, so
/// the reminders of a silo that died or left move to their grains' new owners. Each tick is claimed in the table before
/// it is delivered (see <see cref="ScheduledReminder"/>), so two silos whose views disagree never both deliver it.
/// Registration and removal are written to the table before the call returns.
/// </summary>
internal sealed class ReminderService(SiloRuntime silo, IReminderTable table) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string Name), ScheduledReminder> _scheduled = [];

    /// <summary>Reminders unregistered here, with the sequence at that moment, until no sync can have read them before.</summary>
    private readonly Dictionary<(GrainId GrainId, string Name), long> _removed = [];
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private ITimer? _syncTimer;
    private long _scheduleSequence;
    private bool _stopped;

    public IReminderTable Table => table;

    public TimeProvider Time => silo.Time;

    public Microsoft.Extensions.Logging.ILogger Logger => silo.Logger;

    /// <summary>Subscribes to view changes before the cluster joins, so that the first view already moves reminders here.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (silo.Cluster is { } cluster)
        {
            cluster.ViewChanged += OnViewChanged;
        }

        await SyncAsync(cancellationToken);
        var period = silo.Options.ReminderSyncPeriod;
        _syncTimer = silo.Time.CreateTimer(static state => _ = ((ReminderService)state!).SyncQuietlyAsync(), this, period, period);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}': dueTime must be zero or more; it is {dueTime}.");
        }

        if (period < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{reminderName}': period must be at least 1 ms (reminders keep whole milliseconds); it is {period}.");
        }

        var entry = new ReminderEntry(grainId, reminderName, WholeMilliseconds(silo.Time.GetUtcNow() + dueTime), WholeMilliseconds(period));
        await table.UpsertAsync(entry, CancellationToken.None);

        // A silo that does not own the grain (its view is changing) leaves the reminder to the owner's next sync.
        if (Owns(grainId))
        {
            Schedule(entry);
        }

        return entry;
    }

    public async Task UnregisterAsync(GrainId grainId, string reminderName)
    {
        await table.RemoveAsync(grainId, reminderName, CancellationToken.None);
        lock (_lock)
        {
            Unschedule((grainId, reminderName), expected: null);
            _removed[(grainId, reminderName)] = ++_scheduleSequence;
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await table.ReadAsync(grainId, reminderName, CancellationToken.None);

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId) =>
        await table.ReadAsync(grainId, CancellationToken.None);

    /// <summary>Whether this silo fires the reminders of <paramref name="grainId"/>: it owns the grain in its view.</summary>
    public bool Owns(GrainId grainId) =>
        silo.Cluster is not { } cluster || (!cluster.IsFenced && cluster.OwnerOf(grainId) == cluster.Self);

    /// <summary>Whether this silo has a timer for the reminder (tests and diagnostics).</summary>
    public bool IsScheduled(GrainId grainId, string reminderName)
    {
        lock (_lock)
        {
            return _scheduled.ContainsKey((grainId, reminderName));
        }
    }

    /// <summary>Schedules the stored reminders this silo owns and drops the others.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken);
        try
        {
            long readAt;
            lock (_lock)
            {
                readAt = _scheduleSequence;
            }

            var entries = await table.ReadAllAsync(cancellationToken);
            var stored = new HashSet<(GrainId, string)>();
            lock (_lock)
            {
                foreach (var entry in entries)
                {
                    var key = (entry.GrainId, entry.ReminderName);
                    stored.Add(key);
                    if (!Owns(entry.GrainId))
                    {
                        Unschedule(key, expected: null);
                    }
                    else if (NeedsTimer(key, entry, readAt))
                    {
                        Add(entry);
                    }
                }

                // A registration made here after the read began is newer than what it returned: it stands.
                foreach (var (key, scheduled) in _scheduled.Where(pair => !stored.Contains(pair.Key) && pair.Value.Sequence <= readAt).ToList())
                {
                    Unschedule(key, scheduled);
                }

                foreach (var key in _removed.Where(pair => pair.Value <= readAt).Select(pair => pair.Key).ToList())
                {
                    _removed.Remove(key);
                }
            }
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>
    /// After a lost claim, with the reminder as the table now holds it: true if <paramref name="scheduled"/> still has the
    /// stored schedule; otherwise it is replaced by the stored one, or dropped if the reminder was removed.
    /// </summary>
    public bool Follow(ScheduledReminder scheduled, ReminderEntry? stored)
    {
        if (stored is not null && stored.HasScheduleOf(scheduled.Entry))
        {
            return true;
        }

        lock (_lock)
        {
            if (Unschedule((scheduled.Entry.GrainId, scheduled.Entry.ReminderName), scheduled) && stored is not null)
            {
                Add(stored);
            }
        }

        return false;
    }

    /// <summary>Drops <paramref name="scheduled"/>, whose grain another silo owns now.</summary>
    public void Release(ScheduledReminder scheduled)
    {
        lock (_lock)
        {
            Unschedule((scheduled.Entry.GrainId, scheduled.Entry.ReminderName), scheduled);
        }
    }

    public void Deliver(ReminderEntry entry, long tick)
    {
        var request = new ReminderTickRequest(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, entry.TickTime(tick)));
        silo.Calls.SendFromRuntime(entry.GrainId, request);
        _ = request.Task.ContinueWith(
            static (task, state) =>
            {
                var (service, reminder) = ((ReminderService, ReminderEntry))state!;
                RuntimeLog.ReminderFailed(service.Logger, task.Exception!.GetBaseException(), reminder.GrainId, reminder.ReminderName);
            },
            (this, entry),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (silo.Cluster is { } cluster)
        {
            cluster.ViewChanged -= OnViewChanged;
        }

        _syncTimer?.Dispose();
        lock (_lock)
        {
            _stopped = true;
            foreach (var scheduled in _scheduled.Values)
            {
                scheduled.Dispose();
            }

            _scheduled.Clear();
        }
    }

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static TimeSpan WholeMilliseconds(TimeSpan duration) => TimeSpan.FromTicks(duration.Ticks - (duration.Ticks % TimeSpan.TicksPerMillisecond));

    private void OnViewChanged(ClusterView view) => _ = SyncQuietlyAsync();

    private async Task SyncQuietlyAsync()
    {
        try
        {
            await SyncAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The next view change or period tries again; the reminders already scheduled keep firing meanwhile.
            RuntimeLog.ReminderSyncFailed(silo.Logger, exception);
        }
    }

    /// <summary>
    /// Under the lock: whether <paramref name="entry"/>, read by a sync that began at <paramref name="readAt"/>, needs a
    /// new timer here. A registration or removal made here after the read began is newer than the read, so it stands.
    /// </summary>
    private bool NeedsTimer((GrainId, string) key, ReminderEntry entry, long readAt) =>
        _scheduled.TryGetValue(key, out var current)
            ? current.Sequence <= readAt && !current.Entry.HasScheduleOf(entry)
            : !_removed.TryGetValue(key, out var removedAt) || removedAt <= readAt;

    private void Schedule(ReminderEntry entry)
    {
        lock (_lock)
        {
            Add(entry);
        }
    }

    /// <summary>Under the lock: replaces any timer of the reminder with one for <paramref name="entry"/>.</summary>
    private void Add(ReminderEntry entry)
    {
        if (_stopped)
        {
            return;
        }

        var key = (entry.GrainId, entry.ReminderName);
        Unschedule(key, expected: null);
        var scheduled = new ScheduledReminder(this, entry, ++_scheduleSequence);
        _scheduled[key] = scheduled;
        scheduled.Start();
    }

    /// <summary>Under the lock: stops the reminder's timer if it is <paramref name="expected"/> (or any, when null).</summary>
    private bool Unschedule((GrainId, string) key, ScheduledReminder? expected)
    {
        if (!_scheduled.TryGetValue(key, out var current) || (expected is not null && current != expected))
        {
            return false;
        }

        _scheduled.Remove(key);
        current.Dispose();
        return true;
    }
}
