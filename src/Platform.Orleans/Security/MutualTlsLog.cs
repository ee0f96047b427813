using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Security;

internal static partial class MutualTlsLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning,
        Message = "Refused the TLS certificate of {Peer}: {Subject} issued by {Issuer}, valid {NotBefore:u} to {NotAfter:u}: {Problem}")]
    public static partial void PeerRefused(ILogger logger, string peer, string subject, string issuer, DateTime notBefore, DateTime notAfter, string problem);
}
