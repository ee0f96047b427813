using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Platform.Orleans.Security;

namespace Platform.Silo;

/// <summary>
/// <c>--make-dev-certs DIR</c>: a development authority and certificates for silos and clients as PEM files, so that
/// scripts/run.sh and scripts/cluster.sh run with mutual TLS on and need no tool besides the silo. The authority's key
/// is not written: to renew, make them all again and restart every process.
/// </summary>
internal static class DevelopmentCertificates
{
    public const string AuthorityFile = "ca.crt";
    public const string SiloCertificateFile = "silo.crt";
    public const string SiloKeyFile = "silo.key";
    public const string ClientCertificateFile = "client.crt";
    public const string ClientKeyFile = "client.key";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(90);

    /// <returns>One line saying what was written where.</returns>
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);

        // A few minutes back, so that a machine whose clock is slightly behind accepts them too.
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore + Validity;
        using var authority = DevelopmentCertificateAuthority.Create("Platform development CA", notBefore, notAfter);
        using var silo = authority.Issue("platform-silo", MutualTlsUsage.OfSilo, notBefore, notAfter);
        using var client = authority.Issue("platform-client", MutualTlsUsage.OfClient, notBefore, notAfter);
        File.WriteAllText(Path.Combine(directory, AuthorityFile), authority.Certificate.ExportCertificatePem() + "\n");
        WritePem(silo, Path.Combine(directory, SiloCertificateFile), Path.Combine(directory, SiloKeyFile));
        WritePem(client, Path.Combine(directory, ClientCertificateFile), Path.Combine(directory, ClientKeyFile));
        return string.Create(CultureInfo.InvariantCulture,
            $"Platform.Silo: development certificates (never for production) valid until {notAfter:yyyy-MM-dd} in {Path.GetFullPath(directory)}: "
            + $"{AuthorityFile} (the authority: --tls-ca), {SiloCertificateFile} and {SiloKeyFile} (silos: --tls-certificate, --tls-key), "
            + $"{ClientCertificateFile} and {ClientKeyFile} (clients and the API: Api:Tls:CertificatePath, Api:Tls:KeyPath).");
    }

    /// <summary>Writes a certificate and its private key as PEM; the key readable by its owner alone.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException($"{certificate.Subject} has no ECDSA private key.", nameof(certificate));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");

        // Made anew with the mode set at creation: an existing file would keep its mode, and a chmod after writing leaves a moment of exposure.
        File.Delete(keyPath);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(keyPath, create);
        writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
