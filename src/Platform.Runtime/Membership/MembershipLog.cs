using Microsoft.Extensions.Logging;

namespace Platform.Runtime.Membership;

/// <summary>Membership and failure-detection events; ids from 100 so they never clash with <c>RuntimeLog</c>'s.</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(100, LogLevel.Information, "Silo {Silo} joined the cluster in zone {Zone} at table version {Version}")]
    public static partial void Joined(ILogger logger, SiloAddress silo, string zone, long version);

    [LoggerMessage(101, LogLevel.Information, "Silo {Silo} declared its previous incarnation {Previous} dead")]
    public static partial void Superseded(ILogger logger, SiloAddress silo, SiloAddress previous);

    [LoggerMessage(102, LogLevel.Debug, "Probe of {Target} missed ({Misses} in a row)")]
    public static partial void ProbeMissed(ILogger logger, SiloAddress target, int misses);

    [LoggerMessage(103, LogLevel.Warning, "Suspecting {Suspect}: {Misses} probes missed in a row")]
    public static partial void Suspected(ILogger logger, SiloAddress suspect, int misses);

    [LoggerMessage(104, LogLevel.Information, "Voted {Suspect} dead ({Votes} of {Required} fresh votes needed)")]
    public static partial void Voted(ILogger logger, SiloAddress suspect, int votes, int required);

    [LoggerMessage(105, LogLevel.Warning, "Declared {Suspect} dead with {Votes} fresh votes from {Voters}")]
    public static partial void DeclaredDead(ILogger logger, SiloAddress suspect, int votes, string voters);

    [LoggerMessage(106, LogLevel.Warning, "Declared {Silo} dead: its heartbeat has not moved for {Timeout} and it has not answered this silo's probes")]
    public static partial void DeclaredStale(ILogger logger, SiloAddress silo, TimeSpan timeout);

    [LoggerMessage(107, LogLevel.Critical, "Silo {Silo} is dead or gone in the membership table: it stops heartbeating and probing and must stop serving")]
    public static partial void Fenced(ILogger logger, SiloAddress silo);

    [LoggerMessage(108, LogLevel.Information, "Cluster view {Version}: {Count} active silos: {Silos}")]
    public static partial void ViewChanged(ILogger logger, long version, int count, string silos);

    [LoggerMessage(109, LogLevel.Warning, "Membership {Loop} failed; it runs again next period")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(110, LogLevel.Information, "Silo {Silo} left the cluster")]
    public static partial void Left(ILogger logger, SiloAddress silo);

    [LoggerMessage(111, LogLevel.Debug, "The transport reports {Silo} unreachable ({Misses} misses in a row)")]
    public static partial void ReportedUnreachable(ILogger logger, SiloAddress silo, int misses);
}
