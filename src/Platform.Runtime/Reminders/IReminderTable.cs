namespace Platform.Runtime.Reminders;

/// <summary>Durable storage of reminders; writes must be durable when the returned task completes.</summary>
public interface IReminderTable
{
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <returns>Whether a reminder was removed.</returns>
    Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);
}
