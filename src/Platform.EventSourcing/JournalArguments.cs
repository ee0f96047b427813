namespace Platform.EventSourcing;

/// <summary>The argument rules every <see cref="IEventJournal"/> enforces, so that implementations refuse the same calls.</summary>
internal static class JournalArguments
{
    public static void CheckAppend(string streamId, long expectedVersion, IReadOnlyList<EventData> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException($"An append to stream '{streamId}' needs at least one event.", nameof(events));
        }

        foreach (var @event in events)
        {
            if (@event is null || string.IsNullOrWhiteSpace(@event.Type))
            {
                throw new ArgumentException($"Every event appended to stream '{streamId}' needs a type.", nameof(events));
            }
        }
    }

    public static void CheckIdempotencyKey(string streamId, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
    }

    public static void CheckRead(long after, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
    }

    public static void CheckSnapshot(string streamId, JournalSnapshot snapshot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshot.Version, 1);
    }
}
