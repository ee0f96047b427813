using Microsoft.Extensions.Logging;

namespace Platform.Grains.Sessions;

/// <summary>The session grains' log messages (event ids 200-299, beside <see cref="Alerts.AlertLog"/>'s).</summary>
internal static partial class SessionLog
{
    [LoggerMessage(200, LogLevel.Information, "Session {SessionKey} of {UserKey} expired: no heartbeat since {LastHeartbeat}")]
    public static partial void Expired(ILogger logger, string sessionKey, string userKey, DateTimeOffset lastHeartbeat);
}
