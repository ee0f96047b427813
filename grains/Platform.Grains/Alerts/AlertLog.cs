using Microsoft.Extensions.Logging;
using Platform.Grains.Notifications;

namespace Platform.Grains.Alerts;

/// <summary>The alert grains' log messages (event ids 100-199, beside <see cref="GrainLog"/>'s).</summary>
internal static partial class AlertLog
{
    [LoggerMessage(100, LogLevel.Debug, "Dropped notification {NotificationId} for {UserKey}: already an alert (at-least-once repeat)")]
    public static partial void DuplicateDropped(ILogger logger, string notificationId, string userKey);

    [LoggerMessage(101, LogLevel.Warning, "Ignored notification {NotificationId} for {Recipient} on the alert stream of {UserKey}")]
    public static partial void ForeignNotificationIgnored(ILogger logger, string notificationId, string recipient, string userKey);

    [LoggerMessage(102, LogLevel.Information, "Connection {ConnectionId} of {UserKey} dropped: its lease expired at {ExpiresAt}")]
    public static partial void LeaseExpired(ILogger logger, string connectionId, string userKey, DateTimeOffset expiresAt);

    [LoggerMessage(103, LogLevel.Warning, "Connection {ConnectionId} of {UserKey} dropped: delivering alert {Sequence} failed")]
    public static partial void DeliveryFailed(ILogger logger, string connectionId, string userKey, long sequence, Exception error);

    [LoggerMessage(104, LogLevel.Warning, "Connection {ConnectionId} of {UserKey} dropped: alert {Sequence} not taken within {Timeout}")]
    public static partial void DeliveryTimedOut(ILogger logger, string connectionId, string userKey, long sequence, TimeSpan timeout);

    [LoggerMessage(105, LogLevel.Warning, "Pushing alert {Sequence} to {UserKey} failed; it stays in the inbox for catch-up")]
    public static partial void PushFailed(ILogger logger, string userKey, long sequence, Exception error);

    [LoggerMessage(106, LogLevel.Warning, "No push provider registered; alert {Sequence} of {UserKey} stays in the inbox for catch-up")]
    public static partial void NoPushProvider(ILogger logger, string userKey, long sequence);

    [LoggerMessage(107, LogLevel.Information, "Push to {Recipient}: alert {Sequence} ({Kind}, notification {NotificationId})")]
    public static partial void Pushed(ILogger logger, string recipient, long sequence, NotificationKind kind, string notificationId);
}
