using Microsoft.Extensions.Logging;

namespace Platform.Silo;

/// <summary>The host's own log events.</summary>
internal static partial class SiloLog
{
    /// <summary>The ready line: scripts and tests wait for "Platform silo running" and read the gateway from it.</summary>
    [LoggerMessage(1, LogLevel.Information,
        "Platform silo running: silo {Silo}, gateway {Gateway}, http {Http}, zone {Zone}, cluster {ClusterId}, service {ServiceId}, {Storage}{Kubernetes}, {Transport}. Press Ctrl+C to stop.")]
    public static partial void Running(ILogger logger, string silo, string gateway, string http, string zone, string clusterId, string serviceId, string storage, string kubernetes, string transport);
}
