using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Deadlocks;

internal static partial class DeadlockLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Refused a call that would deadlock: {CallChain}")]
    public static partial void Refused(ILogger logger, string callChain);
}
