using Platform.Api.Security;
using Platform.Orleans.Security;

namespace Platform.Api.Hosting;

/// <summary>The front end's configuration, section <c>Api</c> (environment: <c>Api__Jwt__Issuer</c>, ...).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The silos' gateways as "address:port" (development), or none when <see cref="PostgresConnectionString"/> lists them.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>The cluster's PostgreSQL, whose membership table lists the live gateways.</summary>
    public string? PostgresConnectionString { get; set; }

    public string ClusterId { get; set; } = "platform";

    public string ServiceId { get; set; } = "platform";

    /// <summary>
    /// The tenant of the platform's own operators: only its admins open the Orleans dashboard, which shows the whole
    /// cluster; an admin of a customer's tenant administers that tenant alone.
    /// </summary>
    public string OperatorTenant { get; set; } = "operations";

    /// <summary>How long any grain call of a request may take before the request fails with 504.</summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Larger request bodies are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    public JwtOptions Jwt { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    public ConcurrencyOptions Concurrency { get; set; } = new();

    public EscrowOptions Escrow { get; set; } = new();

    /// <summary>
    /// The API's client certificate and the cluster's certificate authorities when the silos run mutual TLS
    /// (<c>Api:Tls:CertificatePath</c>, <c>KeyPath</c>, <c>CertificatePassword</c>, <c>CertificateAuthorityPath</c>);
    /// null connects over plain TCP.
    /// </summary>
    public MutualTlsOptions? Tls { get; set; }
}
