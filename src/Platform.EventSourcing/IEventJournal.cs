namespace Platform.EventSourcing;

/// <summary>
/// An append-only journal of event streams. Each stream has its own versions (1, 2, 3, … with no gaps) and every append
/// is conditional on the version its writer last saw, so of two writers deciding on the same version exactly one wins.
/// Every event also gets a position in the journal's global order, which readers follow from a checkpoint.
/// </summary>
public interface IEventJournal
{
    /// <summary>The name journaled grains and the silo's registrations use unless told otherwise.</summary>
    public const string DefaultName = "Default";

    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="streamId"/> as versions <paramref name="expectedVersion"/> + 1,
    /// + 2, …, atomically. With an <paramref name="idempotencyKey"/> that an earlier append to this stream carried,
    /// nothing is appended and the result is that append's version with <see cref="AppendResult.Duplicate"/> set,
    /// whatever the expected version: a retry of an append whose outcome was unknown is a no-op.
    /// </summary>
    /// <param name="expectedVersion">The stream's version as the writer last saw it; 0 for a stream with no events yet.</param>
    /// <exception cref="JournalConcurrencyException">The stream is not at <paramref name="expectedVersion"/>.</exception>
    Task<AppendResult> AppendAsync(
        string streamId,
        long expectedVersion,
        IReadOnlyList<EventData> events,
        string? idempotencyKey,
        CancellationToken cancellationToken);

    /// <summary>The version the append to <paramref name="streamId"/> that carried <paramref name="idempotencyKey"/> ended at, or null when none did.</summary>
    Task<long?> FindIdempotencyKeyAsync(string streamId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> events of the stream with versions above <paramref name="afterVersion"/>, in version order.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long afterVersion, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of every stream with positions above <paramref name="afterPosition"/>, in
    /// position order. Positions follow commit order and a later read never returns an event below a position an
    /// earlier read returned, so a reader that keeps the last position it processed sees every event exactly once.
    /// Positions may have gaps.
    /// </summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken);

    /// <summary>The latest snapshot of the stream, or null when none was written.</summary>
    Task<JournalSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="snapshot"/> unless the stored one is at the same or a later version.</summary>
    Task WriteSnapshotAsync(string streamId, JournalSnapshot snapshot, CancellationToken cancellationToken);
}
