using Microsoft.Extensions.Logging;

namespace Platform.Silo;

/// <summary>The host's log events, source-generated like the runtime's.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Platform silo running with {Storage}; silo {Silo} in zone {Zone} with {Membership} membership; hosting grain types: {GrainTypes}. Press Ctrl+C to stop.")]
    public static partial void Running(ILogger logger, string silo, string zone, string storage, string membership, string grainTypes);
}
