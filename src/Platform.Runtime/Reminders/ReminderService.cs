using System.Collections.Concurrent;
using Platform.Reminders;

namespace Platform.Runtime.Reminders;

/// <summary>
/// Fires reminders: every stored reminder has a timer on the silo's <see cref="TimeProvider"/>, and each tick is
/// delivered as a call to the grain, which activates it if it is not active. The table is written before the
/// registering call returns, so a registration is as durable as the table.
/// </summary>
internal sealed class ReminderService(SiloRuntime silo, IReminderTable table) : IDisposable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ScheduledReminder> _scheduled = new();

    public IReminderTable Table => table;

    private Microsoft.Extensions.Logging.ILogger Logger => silo.Logger;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await table.ReadAllAsync(cancellationToken))
        {
            Schedule(entry);
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}': dueTime must be zero or more; it is {dueTime}.");
        }

        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{reminderName}': period must be greater than zero; it is {period}.");
        }

        var entry = new ReminderEntry(grainId, reminderName, silo.Time.GetUtcNow() + dueTime, period);
        await table.UpsertAsync(entry, CancellationToken.None);
        Schedule(entry);
        return entry;
    }

    public async Task UnregisterAsync(GrainId grainId, string reminderName)
    {
        await table.RemoveAsync(grainId, reminderName, CancellationToken.None);
        if (_scheduled.TryRemove((grainId, reminderName), out var scheduled))
        {
            scheduled.Dispose();
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await table.ReadAsync(grainId, reminderName, CancellationToken.None);

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId) =>
        await table.ReadAsync(grainId, CancellationToken.None);

    public void Dispose()
    {
        foreach (var scheduled in _scheduled.Values)
        {
            scheduled.Dispose();
        }

        _scheduled.Clear();
    }

    private void Schedule(ReminderEntry entry)
    {
        var scheduled = new ScheduledReminder(this, entry);
        _scheduled.AddOrUpdate((entry.GrainId, entry.ReminderName), scheduled, (_, previous) =>
        {
            previous.Dispose();
            return scheduled;
        });
        scheduled.Start(silo.Time);
    }

    private void Deliver(ReminderEntry entry, DateTimeOffset tickTime)
    {
        var request = new ReminderTickRequest(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, tickTime));
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

    /// <summary>The timer of one reminder; ticks are due at StartAt + k * Period, whenever the silo started.</summary>
    private sealed class ScheduledReminder(ReminderService service, ReminderEntry entry) : IDisposable
    {
        private ITimer? _timer;
        private DateTimeOffset _nextTick;

        public void Start(TimeProvider time)
        {
            var now = time.GetUtcNow();
            _nextTick = entry.StartAt;
            if (_nextTick < now)
            {
                var missed = (long)Math.Ceiling((now - entry.StartAt) / entry.Period);
                _nextTick = entry.StartAt + (entry.Period * missed);
            }

            _timer = time.CreateTimer(static state => ((ScheduledReminder)state!).OnTick(), this, _nextTick - now, entry.Period);
        }

        public void Dispose() => _timer?.Dispose();

        private void OnTick()
        {
            var tickTime = _nextTick;
            _nextTick += entry.Period;
            service.Deliver(entry, tickTime);
        }
    }
}
