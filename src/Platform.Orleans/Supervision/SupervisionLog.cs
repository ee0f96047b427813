using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Supervision;

internal static partial class SupervisionLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning,
        Message = "Supervisor of {GrainType} applies {Directive} to {GrainId} after {Method} failed")]
    public static partial void Supervised(ILogger logger, Exception failure, string grainType, SupervisionDirective directive, GrainId grainId, string method);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "Grain type {GrainType} is quarantined on this silo for {CoolDown}: more than {MaxRestarts} restarts within {Window}")]
    public static partial void Quarantined(ILogger logger, string grainType, TimeSpan coolDown, int maxRestarts, TimeSpan window);
}
