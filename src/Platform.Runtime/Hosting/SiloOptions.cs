namespace Platform.Runtime;

/// <summary>Settings of one silo. <see cref="Validate"/> names the first bad value precisely.</summary>
public sealed class SiloOptions
{
    /// <summary>Deadline of a call when neither the method nor the caller sets one (Orleans' default is the same).</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often deadlines and idle activations are checked: the precision of both.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an activation may stay idle before it is collected, unless its class says otherwise.</summary>
    public TimeSpan DefaultCollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many calls may wait for one activation before further calls are rejected.</summary>
    public int DefaultMailboxCapacity { get; set; } = 10_000;

    public int DefaultMaxRestarts { get; set; } = 5;

    public TimeSpan DefaultRestartWindow { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan DefaultQuarantinePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for activations to finish their turns and deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many work items one activation runs before it yields its thread to others.</summary>
    public int TurnBudget { get; set; } = 128;

    /// <summary>The storage provider used when a [PersistentState] names none.</summary>
    public string DefaultStorageName { get; set; } = "Default";

    /// <summary>
    /// How often a silo re-reads the reminder table besides on view changes: the longest a reminder registered on a silo
    /// that did not own its grain (during a view change) waits before its owner schedules it.
    /// </summary>
    public TimeSpan ReminderSyncPeriod { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        RequirePositive(DefaultCallTimeout, nameof(DefaultCallTimeout));
        RequirePositive(SweepInterval, nameof(SweepInterval));
        RequirePositive(DefaultCollectionAge, nameof(DefaultCollectionAge));
        RequirePositive(DefaultRestartWindow, nameof(DefaultRestartWindow));
        RequirePositive(DefaultQuarantinePeriod, nameof(DefaultQuarantinePeriod));
        RequirePositive(ShutdownTimeout, nameof(ShutdownTimeout));
        RequirePositive(ReminderSyncPeriod, nameof(ReminderSyncPeriod));
        RequireAtLeast(DefaultMailboxCapacity, 1, nameof(DefaultMailboxCapacity));
        RequireAtLeast(DefaultMaxRestarts, 0, nameof(DefaultMaxRestarts));
        RequireAtLeast(TurnBudget, 1, nameof(TurnBudget));
        if (string.IsNullOrWhiteSpace(DefaultStorageName))
        {
            throw new ArgumentException($"SiloOptions.{nameof(DefaultStorageName)} must name a storage provider; it is empty.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SiloOptions.{name} must be greater than zero; it is {value}.");
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SiloOptions.{name} must be at least {minimum}; it is {value}.");
        }
    }
}
