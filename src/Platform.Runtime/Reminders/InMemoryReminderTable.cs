using System.Collections.Concurrent;

namespace Platform.Runtime.Reminders;

/// <summary>
/// Reminders kept in the silo's memory: they survive deactivation of their grain but not a restart of the process.
/// The embedded default; a cluster uses the PostgreSQL table.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ReminderEntry> _entries = new();

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue((grainId, reminderName), out var entry) ? entry : null);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_entries.Values.Where(entry => entry.GrainId == grainId).OrderBy(entry => entry.ReminderName, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_entries.Values.ToList());

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        _entries[(entry.GrainId, entry.ReminderName)] = entry;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryRemove((grainId, reminderName), out _));

    public Task<bool> TryClaimTickAsync(ReminderEntry entry, long tick, CancellationToken cancellationToken)
    {
        var key = (entry.GrainId, entry.ReminderName);

        // Compare-and-swap on the whole stored record: a concurrent claim or re-registration makes TryUpdate fail and
        // the loop decide again on what won.
        while (_entries.TryGetValue(key, out var stored) && stored.HasScheduleOf(entry) && stored.LastTick < tick)
        {
            if (_entries.TryUpdate(key, stored with { LastTick = tick }, stored))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }
}
