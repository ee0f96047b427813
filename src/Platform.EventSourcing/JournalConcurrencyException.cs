namespace Platform.EventSourcing;

/// <summary>
/// An append expected a stream version that is no longer current: another writer (typically a stale duplicate
/// activation) appended first. <see cref="JournaledGrainBase{TState, TEvent}"/> turns it into the "version clash"
/// answer of Orleans' custom-storage protocol, which re-reads the stream.
/// Serializable by Orleans, so a grain's caller sees the stream and both versions too.
/// </summary>
[GenerateSerializer]
public sealed class JournalConcurrencyException : Exception
{
    public JournalConcurrencyException(string streamId, long expectedVersion, long actualVersion)
        : base($"Append to stream '{streamId}' expected version {expectedVersion}, but the stream is at version {actualVersion}: " +
               "another writer appended first. Re-read the stream and decide again.")
    {
        StreamId = streamId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    [Id(0)]
    public string StreamId { get; private set; }

    [Id(1)]
    public long ExpectedVersion { get; private set; }

    [Id(2)]
    public long ActualVersion { get; private set; }
}
