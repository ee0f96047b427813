namespace Platform.EventSourcing;

/// <summary>
/// An event journal in the silo's memory with the same rules as the PostgreSQL one (versions, idempotency keys,
/// snapshots, global positions in commit order), so that journaled grains behave the same on both. Events are kept
/// serialized: nobody shares an object with the journal.
/// </summary>
internal sealed class MemoryEventJournal(TimeProvider timeProvider) : IEventJournal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string StreamId, string Key), long> _idempotencyKeys = [];
    private readonly Dictionary<string, JournalSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly List<RecordedEvent> _all = [];

    public Task<AppendResult> AppendAsync(
        string streamId,
        long expectedVersion,
        IReadOnlyList<EventData> events,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        JournalArguments.CheckAppend(streamId, expectedVersion, events);
        lock (_lock)
        {
            if (idempotencyKey is not null && _idempotencyKeys.TryGetValue((streamId, idempotencyKey), out var original))
            {
                return Task.FromResult(new AppendResult(original, Duplicate: true));
            }

            var stream = GetOrAddStream(streamId);
            if (stream.Count != expectedVersion)
            {
                throw new JournalConcurrencyException(streamId, expectedVersion, stream.Count);
            }

            var now = timeProvider.GetUtcNow();
            foreach (var @event in events)
            {
                var recorded = new RecordedEvent(streamId, stream.Count + 1, _all.Count + 1, @event.Type, @event.Data.ToArray(), now);
                stream.Add(recorded);
                _all.Add(recorded);
            }

            if (idempotencyKey is not null)
            {
                _idempotencyKeys[(streamId, idempotencyKey)] = stream.Count;
            }

            return Task.FromResult(new AppendResult(stream.Count, Duplicate: false));
        }
    }

    public Task<long?> FindIdempotencyKeyAsync(string streamId, string idempotencyKey, CancellationToken cancellationToken)
    {
        JournalArguments.CheckIdempotencyKey(streamId, idempotencyKey);
        lock (_lock)
        {
            return Task.FromResult(_idempotencyKeys.TryGetValue((streamId, idempotencyKey), out var version) ? version : (long?)null);
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long afterVersion, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        JournalArguments.CheckRead(afterVersion, maxCount);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RecordedEvent>>(_streams.TryGetValue(streamId, out var stream) ? Slice(stream, afterVersion, maxCount) : []);
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        JournalArguments.CheckRead(afterPosition, maxCount);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RecordedEvent>>(Slice(_all, afterPosition, maxCount));
        }
    }

    public Task<JournalSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        lock (_lock)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(streamId));
        }
    }

    public Task WriteSnapshotAsync(string streamId, JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        JournalArguments.CheckSnapshot(streamId, snapshot);
        lock (_lock)
        {
            if (!_snapshots.TryGetValue(streamId, out var stored) || stored.Version < snapshot.Version)
            {
                _snapshots[streamId] = snapshot with { Data = snapshot.Data.ToArray() };
            }

            return Task.CompletedTask;
        }
    }

    private List<RecordedEvent> GetOrAddStream(string streamId)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            stream = [];
            _streams.Add(streamId, stream);
        }

        return stream;
    }

    // Versions and positions are 1-based and gapless here, so "after n" starts at index n.
    private static RecordedEvent[] Slice(List<RecordedEvent> events, long after, int maxCount)
    {
        if (after >= events.Count)
        {
            return [];
        }

        var start = (int)after;
        return events.GetRange(start, Math.Min(maxCount, events.Count - start)).ToArray();
    }
}
