namespace Platform.Runtime.Reminders;

/// <summary>
/// Durable storage of reminders; writes must be durable when the returned task completes. Times and periods are whole
/// milliseconds (the reminder service rounds them), and a table returns them exactly as written.
/// </summary>
public interface IReminderTable
{
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="entry"/> as given, replacing any reminder of the same grain and name.</summary>
    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <returns>Whether a reminder was removed.</returns>
    Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>
    /// Claims tick <paramref name="tick"/> of <paramref name="entry"/> for delivery: succeeds only if the stored reminder
    /// still has the entry's start and period and no tick at or after <paramref name="tick"/> was claimed, and then
    /// records it as <see cref="ReminderEntry.LastTick"/>. Of concurrent claims of one tick exactly one succeeds, so
    /// silos whose views disagree about the owner cannot both deliver it.
    /// </summary>
    Task<bool> TryClaimTickAsync(ReminderEntry entry, long tick, CancellationToken cancellationToken);
}
