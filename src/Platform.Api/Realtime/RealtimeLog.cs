namespace Platform.Api.Realtime;

/// <summary>The realtime front end's log messages.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of connection {ConnectionId} of {UserKey} failed; retried in a second")]
    public static partial void HeartbeatFailed(ILogger logger, string connectionId, string userKey, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session of connection {ConnectionId} of {UserKey} was gone (expired or its silo died); opened again")]
    public static partial void SessionReopened(ILogger logger, string connectionId, string userKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the session of connection {ConnectionId} of {UserKey} failed; it expires on its own")]
    public static partial void CloseFailed(ILogger logger, string connectionId, string userKey, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} of {UserKey} missed alerts after {After} (up to {LastSequence}) while its alerts grain did not know it; sending them")]
    public static partial void CaughtUp(ILogger logger, string connectionId, string userKey, long after, long lastSequence);
}
