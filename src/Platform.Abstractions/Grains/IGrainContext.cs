using Platform.Reminders;
using Platform.Timers;

namespace Platform;

/// <summary>What an activation offers the grain it hosts: identity, services, timers, reminders and lifecycle control.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider Services { get; }

    TimeProvider TimeProvider { get; }

    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options);

    IReminderRegistry Reminders { get; }

    /// <summary>Deactivates the grain once the current turn ends.</summary>
    void DeactivateOnIdle();

    /// <summary>Keeps the grain from idle collection for at least <paramref name="period"/>.</summary>
    void DelayDeactivation(TimeSpan period);
}
