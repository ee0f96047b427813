using Platform.Reminders;
using Platform.Timers;

namespace Platform;

/// <summary>
/// Base class of every grain. The runtime constructs it on activation, reads its persistent state, then calls
/// <see cref="OnActivateAsync"/>; it runs one call at a time unless the class is <see cref="ReentrantAttribute">reentrant</see>.
/// </summary>
public abstract class Grain
{
    private readonly IGrainContext _context;

    protected Grain()
    {
        _context = GrainConstructionScope.Current
            ?? throw new InvalidOperationException(
                $"{GetType().Name} must be created by the runtime: get a reference from IGrainFactory instead of calling its constructor.");
    }

    public GrainId GrainId => _context.GrainId;

    protected IGrainContext GrainContext => _context;

    protected IGrainFactory GrainFactory => _context.GrainFactory;

    protected IServiceProvider ServiceProvider => _context.Services;

    protected TimeProvider TimeProvider => _context.TimeProvider;

    public string GetPrimaryKeyString() => _context.GrainId.Key;

    public Guid GetPrimaryKey() => _context.GrainId.GetGuidKey();

    public long GetPrimaryKeyLong() => _context.GrainId.GetIntegerKey();

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after persistent state is read and before <see cref="OnActivateAsync"/>: base classes of the platform
    /// (<see cref="EventSourcing.JournaledGrain{TState, TEvent}"/>) load what they own here, so that a grain's own
    /// OnActivateAsync, which need not call the base method, already sees it.
    /// </summary>
    internal virtual Task OnActivatingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => _context.DeactivateOnIdle();

    protected void DelayDeactivation(TimeSpan period) => _context.DelayDeactivation(period);

    /// <summary>Registers a timer whose ticks run as turns of this grain; it stops when the grain deactivates.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        _context.RegisterTimer(callback, new GrainTimerOptions { DueTime = dueTime, Period = period });

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options) =>
        _context.RegisterTimer(callback, options);

    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        _context.Reminders.RegisterOrUpdateReminder(reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => _context.Reminders.UnregisterReminder(reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => _context.Reminders.GetReminder(reminderName);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => _context.Reminders.GetReminders();
}
