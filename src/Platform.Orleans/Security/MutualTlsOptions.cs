namespace Platform.Orleans.Security;

/// <summary>
/// Where a silo or client finds its certificate and the certificate authorities its peers must chain to: file paths,
/// the way a mounted Kubernetes secret appears (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>). Read and checked by
/// <see cref="MutualTlsCredentials"/>; every connection between silos and from clients to gateways then runs over TLS
/// with a certificate on both sides.
/// </summary>
public sealed class MutualTlsOptions
{
    /// <summary>The certificate this process presents: PEM (its key in <see cref="KeyPath"/> or in the same file) or PKCS#12.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; null when the certificate file holds the key too.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 certificate or of an encrypted PEM key; null when neither is protected.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The PEM bundle of the certificate authorities peers' certificates must chain to. Only these are trusted, not the
    /// machine's store, so use authorities that issue certificates for this cluster alone: any certificate they issued
    /// is admitted.
    /// </summary>
    public string? CertificateAuthorityPath { get; set; }
}
