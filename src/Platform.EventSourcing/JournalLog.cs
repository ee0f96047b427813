using Microsoft.Extensions.Logging;

namespace Platform.EventSourcing;

/// <summary>Log events of journaled grains.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(1, LogLevel.Warning, "Snapshot of stream {StreamId} at version {Version} could not be written; the events are stored and a later confirmation tries again")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string streamId, long version);

    [LoggerMessage(2, LogLevel.Information, "Append to stream {StreamId} expected version {ExpectedVersion} but found {ActualVersion}: another activation appended first, re-reading the stream")]
    public static partial void VersionClash(ILogger logger, string streamId, long expectedVersion, long actualVersion);

    [LoggerMessage(3, LogLevel.Information, "Append to stream {StreamId} with idempotency key {IdempotencyKey} was made before (up to version {Version}); nothing appended")]
    public static partial void DuplicateAppend(ILogger logger, string streamId, string idempotencyKey, long version);
}
