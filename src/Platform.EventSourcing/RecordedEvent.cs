namespace Platform.EventSourcing;

/// <summary>An event as the journal holds it.</summary>
/// <param name="Version">Its place in its stream, from 1.</param>
/// <param name="Position">Its place in the journal's global order (ascending in commit order; may have gaps).</param>
/// <param name="Timestamp">When the journal appended it.</param>
public sealed record RecordedEvent(
    string StreamId,
    long Version,
    long Position,
    string Type,
    ReadOnlyMemory<byte> Data,
    DateTimeOffset Timestamp);
