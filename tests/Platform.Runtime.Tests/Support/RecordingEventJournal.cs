using System.Collections.Concurrent;
using Platform.EventSourcing;
using Platform.Runtime.EventSourcing;

namespace Platform.Runtime.Tests.Support;

/// <summary>
/// A memory journal that records the reads journaled grains make (to tell a snapshot-and-tail load from a full replay)
/// and can lose the reply of an append.
/// </summary>
public sealed class RecordingEventJournal(TimeProvider time) : IEventJournal
{
    private readonly MemoryEventJournal _inner = new(time);
    private readonly ConcurrentQueue<string> _reads = new();

    public IReadOnlyList<string> Reads => _reads.ToArray();

    /// <summary>Makes the next append commit and then fail, as when the connection breaks before the reply arrives.</summary>
    public bool LoseNextReply { get; set; }

    public async Task<AppendResult> AppendAsync(string streamId, long expectedVersion, IReadOnlyList<EventData> events, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await _inner.AppendAsync(streamId, expectedVersion, events, idempotencyKey, cancellationToken);
        if (LoseNextReply)
        {
            LoseNextReply = false;
            throw new IOException("The connection broke before the reply arrived.");
        }

        return result;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long afterVersion, int maxCount, CancellationToken cancellationToken)
    {
        _reads.Enqueue($"stream after {afterVersion}");
        return _inner.ReadStreamAsync(streamId, afterVersion, maxCount, cancellationToken);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        _inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);

    public Task<JournalSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken)
    {
        _reads.Enqueue("snapshot");
        return _inner.ReadSnapshotAsync(streamId, cancellationToken);
    }

    public Task WriteSnapshotAsync(string streamId, JournalSnapshot snapshot, CancellationToken cancellationToken) =>
        _inner.WriteSnapshotAsync(streamId, snapshot, cancellationToken);
}
