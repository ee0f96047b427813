using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Silo;

/// <summary>
/// A certificate authority made on the spot for development and tests, never for production: its private key lives only
/// in this object, so nobody can issue another certificate of it once it is gone. ECDSA P-256 keys: quick to make.
/// </summary>
internal sealed class DevelopmentCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private DevelopmentCertificateAuthority(ECDsa key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The authority's self-signed certificate, without its key: the trust anchor peers are given.</summary>
    public X509Certificate2 Certificate { get; }

    public static DevelopmentCertificateAuthority Create(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var selfSigned = request.CreateSelfSigned(notBefore, notAfter);

        // Without the key: what is handed out must not let anyone sign.
        return new DevelopmentCertificateAuthority(key, X509CertificateLoader.LoadCertificate(selfSigned.RawData));
    }

    /// <summary>A certificate of this authority with its private key, for a process named <paramref name="name"/> on this machine.</summary>
    /// <param name="usages">Its extended key usages (<see cref="Platform.Orleans.Security.MutualTlsUsage"/>).</param>
    public X509Certificate2 Issue(string name, IEnumerable<string> usages, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var oids = new OidCollection();
        foreach (var usage in usages)
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
