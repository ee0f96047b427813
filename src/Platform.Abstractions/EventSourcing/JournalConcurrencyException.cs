namespace Platform.EventSourcing;

/// <summary>
/// An append expected a stream version that is no longer current: another writer (typically a stale duplicate
/// activation) appended first. By default the supervisor restarts the activation, which re-reads the stream.
/// </summary>
public sealed class JournalConcurrencyException : PlatformException
{
    public JournalConcurrencyException(string streamId, long expectedVersion, long actualVersion)
        : base($"Append to stream '{streamId}' expected version {expectedVersion}, but the stream is at version {actualVersion}: " +
               "another writer appended first. Re-read the stream and decide again.")
    {
        StreamId = streamId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public string StreamId { get; }

    public long ExpectedVersion { get; }

    public long ActualVersion { get; }
}
