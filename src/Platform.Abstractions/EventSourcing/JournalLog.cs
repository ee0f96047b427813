using Microsoft.Extensions.Logging;

namespace Platform.EventSourcing;

/// <summary>Log events of journaled grains.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(1, LogLevel.Warning, "Snapshot of stream {StreamId} at version {Version} could not be written; the events are stored and the next confirmation tries again")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string streamId, long version);
}
