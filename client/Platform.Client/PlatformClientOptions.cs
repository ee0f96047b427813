using Platform.Orleans.Security;

namespace Platform.Client;

/// <summary>
/// How an external caller reaches the Platform cluster: <see cref="PlatformClientHostingExtensions.AddPlatformClient"/>
/// takes these and configures Orleans' <see cref="IClusterClient"/>. Give either <see cref="Gateways"/> (development:
/// silos you know) or <see cref="PostgresConnectionString"/> (production: the membership table lists the live silos).
/// </summary>
public sealed class PlatformClientOptions
{
    /// <summary>The silos' --cluster-id.</summary>
    public string ClusterId { get; set; } = "platform";

    /// <summary>The silos' --service-id.</summary>
    public string ServiceId { get; set; } = "platform";

    /// <summary>Silo gateways as "address:port", e.g. "127.0.0.1:30000"; the client spreads calls over the live ones.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The cluster's PostgreSQL, read for the gateways of active silos; no other table is touched.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// How long a call may wait for its response before it fails with a TimeoutException; null keeps the platform's
    /// client default (Orleans' own is 30 s).
    /// </summary>
    public TimeSpan? ResponseTimeout { get; set; }

    /// <summary>
    /// The client's certificate and the cluster's certificate authorities when the silos run mutual TLS (their
    /// <c>--tls-*</c> options); null connects over plain TCP, which such silos refuse.
    /// </summary>
    public MutualTlsOptions? Tls { get; set; }
}
