using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Orleans.Security;

namespace Platform.Silo.Tests.Tls;

/// <summary>
/// Certificate files for the mutual TLS tests in a directory of their own (deleted on dispose): the cluster's authority
/// with certificates for silos and clients, made the way <c>--make-dev-certs</c> makes them, and what the cluster must
/// refuse: certificates of another authority and an expired one of the cluster's own authority.
/// </summary>
public sealed class TlsCertificates : IDisposable
{
    /// <summary>The password of <see cref="SiloPkcs12"/>.</summary>
    public const string Pkcs12Password = "correct horse battery staple";

    public TlsCertificates()
    {
        System.IO.Directory.CreateDirectory(Directory);

        // The authorities reach back far enough to have issued the expired certificate.
        var now = DateTimeOffset.UtcNow;
        using var cluster = DevelopmentCertificateAuthority.Create("Platform test CA", now.AddDays(-7), now.AddDays(7));
        using var other = DevelopmentCertificateAuthority.Create("Another CA", now.AddDays(-7), now.AddDays(7));
        File.WriteAllText(Authority, cluster.Certificate.ExportCertificatePem());
        File.WriteAllText(BothAuthorities, cluster.Certificate.ExportCertificatePem() + "\n" + other.Certificate.ExportCertificatePem());
        Write(cluster, "silo", MutualTlsUsage.OfSilo, now.AddMinutes(-5), now.AddDays(1));
        Write(cluster, "client", MutualTlsUsage.OfClient, now.AddMinutes(-5), now.AddDays(1));
        Write(other, "other-silo", MutualTlsUsage.OfSilo, now.AddMinutes(-5), now.AddDays(1));
        Write(other, "other-client", MutualTlsUsage.OfClient, now.AddMinutes(-5), now.AddDays(1));
        Write(cluster, "expired-client", MutualTlsUsage.OfClient, now.AddDays(-2), now.AddDays(-1));
        using var silo = Load(Silo);
        File.WriteAllBytes(SiloPkcs12, silo.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Pkcs12Password));
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"platform-tls-{Guid.NewGuid():N}");

    /// <summary>The cluster's authority (PEM): what silos and clients are given as their trust anchors.</summary>
    public string Authority => At("ca.crt");

    /// <summary>The cluster's authority and the other one: a silo given this trusts the cluster, so only the cluster can refuse it.</summary>
    public string BothAuthorities => At("both-ca.crt");

    public (string Certificate, string Key) Silo => Pair("silo");

    public (string Certificate, string Key) Client => Pair("client");

    /// <summary>The silo certificate and its key in one PKCS#12 file protected by <see cref="Pkcs12Password"/>.</summary>
    public string SiloPkcs12 => At("silo.p12");

    /// <summary>A silo certificate of another authority, named CN=other-silo.</summary>
    public (string Certificate, string Key) OtherAuthoritySilo => Pair("other-silo");

    /// <summary>A client certificate of another authority, named CN=other-client.</summary>
    public (string Certificate, string Key) OtherAuthorityClient => Pair("other-client");

    /// <summary>A client certificate of the cluster's authority that expired yesterday, named CN=expired-client.</summary>
    public (string Certificate, string Key) ExpiredClient => Pair("expired-client");

    /// <summary>The silo's --tls-* options for a certificate and a bundle of authorities.</summary>
    public static string[] SiloArguments((string Certificate, string Key) certificate, string authorities) =>
        ["--tls-certificate", certificate.Certificate, "--tls-key", certificate.Key, "--tls-ca", authorities];

    /// <summary>The client SDK's options for a certificate and a bundle of authorities.</summary>
    public static MutualTlsOptions ClientOptions((string Certificate, string Key) certificate, string authorities) =>
        new() { CertificatePath = certificate.Certificate, KeyPath = certificate.Key, CertificateAuthorityPath = authorities };

    /// <summary>The certificate with its key, as any TLS client could present it, bypassing the platform's own checks.</summary>
    public static X509Certificate2 Load((string Certificate, string Key) certificate) =>
        X509Certificate2.CreateFromPemFile(certificate.Certificate, certificate.Key);

    public string At(string file) => Path.Combine(Directory, file);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private (string Certificate, string Key) Pair(string name) => (At($"{name}.crt"), At($"{name}.key"));

    private void Write(DevelopmentCertificateAuthority authority, string name, IEnumerable<string> usages, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var certificate = authority.Issue(name, usages, notBefore, notAfter);
        DevelopmentCertificates.WritePem(certificate, Pair(name).Certificate, Pair(name).Key);
    }
}
