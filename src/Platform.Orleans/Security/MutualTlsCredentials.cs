using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Orleans.Security;

/// <summary>
/// The certificate (with its private key) a silo or client presents and the authorities its peers must chain to, read
/// from the files <see cref="MutualTlsOptions"/> names and checked before anything listens or dials, so that a missing
/// file, a wrong password, a key of another certificate, an expired certificate or one the authorities did not issue
/// stops the process at start-up with a message naming the setting, not later as refused connections.
/// </summary>
public sealed class MutualTlsCredentials : IDisposable
{
    private const string RsaAlgorithm = "1.2.840.113549.1.1.1";
    private const string EcAlgorithm = "1.2.840.10045.2.1";

    private MutualTlsCredentials(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    /// <summary>What this process presents, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The trust anchors: a peer's certificate must chain to one of these.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads a silo's credentials; its certificate must allow <see cref="MutualTlsUsage.OfSilo"/>.</summary>
    /// <param name="settingName">How the host calls each property of <see cref="MutualTlsOptions"/> (given its name), for messages.</param>
    /// <exception cref="OptionsValidationException">A file is missing or unreadable, or its content is unusable; the message names the setting and the file.</exception>
    public static MutualTlsCredentials ForSilo(MutualTlsOptions options, Func<string, string> settingName) =>
        Load(options, new SettingNames(settingName), MutualTlsUsage.OfSilo);

    /// <summary>Reads a client's credentials; its certificate must allow <see cref="MutualTlsUsage.OfClient"/>.</summary>
    /// <param name="settingName">How the host calls each property of <see cref="MutualTlsOptions"/> (given its name), for messages.</param>
    /// <exception cref="OptionsValidationException">A file is missing or unreadable, or its content is unusable; the message names the setting and the file.</exception>
    public static MutualTlsCredentials ForClient(MutualTlsOptions options, Func<string, string> settingName) =>
        Load(options, new SettingNames(settingName), MutualTlsUsage.OfClient);

    /// <summary>The certificate as a log line names it: subject and end of validity.</summary>
    public string Describe() => $"{Certificate.Subject} until {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z";

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var authority in Authorities)
        {
            authority.Dispose();
        }
    }

    private static MutualTlsCredentials Load(MutualTlsOptions options, SettingNames names, IReadOnlyList<string> usages)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            throw Invalid($"{names.Certificate} must name the certificate (PEM or PKCS#12) to present to peers.");
        }

        if (string.IsNullOrWhiteSpace(options.CertificateAuthorityPath))
        {
            throw Invalid($"{names.Authorities} must name the PEM bundle of the certificate authorities peers' certificates must chain to.");
        }

        var certificatePath = options.CertificatePath;
        var content = Read(names.Certificate, certificatePath);
        var text = Encoding.ASCII.GetString(content);
        var certificate = text.Contains("-----BEGIN ", StringComparison.Ordinal) ? ReadPem(text, options, names) : ReadPkcs12(content, options, names);
        try
        {
            var authorities = ReadAuthorities(names.Authorities, options.CertificateAuthorityPath);
            CheckUsable(certificate, authorities, usages, $"{names.Certificate} '{certificatePath}' ({certificate.Subject})", $"{names.Authorities} '{options.CertificateAuthorityPath}'");
            return new MutualTlsCredentials(certificate, authorities);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private static byte[] Read(string setting, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Invalid($"{setting} '{path}' does not exist.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{setting} '{path}' cannot be read: {error.Message}");
        }
    }

    private static X509Certificate2 ReadPkcs12(byte[] content, MutualTlsOptions options, SettingNames names)
    {
        var path = options.CertificatePath;
        if (!string.IsNullOrWhiteSpace(options.KeyPath))
        {
            throw Invalid($"{names.Key} must not be set: {names.Certificate} '{path}' is PKCS#12, which holds its own key.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(content, options.CertificatePassword);
        }
        catch (CryptographicException error)
        {
            var password = options.CertificatePassword is null ? $"without a password ({names.Password} is not set)" : $"with {names.Password}";
            throw Invalid($"{names.Certificate} '{path}' is not PEM, and not PKCS#12 that opens {password}: {error.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw Invalid($"{names.Certificate} '{path}' holds no private key.");
        }

        return certificate;
    }

    private static X509Certificate2 ReadPem(string pem, MutualTlsOptions options, SettingNames names)
    {
        var certificatePath = options.CertificatePath!;
        using var certificate = CertificateOf(pem, names.Certificate, certificatePath);
        var separateKey = !string.IsNullOrWhiteSpace(options.KeyPath);
        var (keySetting, keyPath) = separateKey ? (names.Key, options.KeyPath!) : (names.Certificate, certificatePath);
        var keyPem = separateKey ? Encoding.ASCII.GetString(Read(names.Key, keyPath)) : pem;
        var encrypted = keyPem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (!encrypted && !keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw Invalid(separateKey
                ? $"{names.Key} '{keyPath}' holds no PEM private key."
                : $"{names.Certificate} '{certificatePath}' holds no private key; name the key file in {names.Key}.");
        }

        if (encrypted && string.IsNullOrEmpty(options.CertificatePassword))
        {
            throw Invalid($"{keySetting} '{keyPath}' holds an encrypted private key; give its password in {names.Password}.");
        }

        using AsymmetricAlgorithm key = certificate.PublicKey.Oid.Value switch
        {
            RsaAlgorithm => RSA.Create(),
            EcAlgorithm => ECDsa.Create(),
            _ => throw Invalid($"{names.Certificate} '{certificatePath}' has a {certificate.PublicKey.Oid.FriendlyName} key; RSA and ECDSA keys are supported."),
        };
        try
        {
            if (encrypted)
            {
                key.ImportFromEncryptedPem(keyPem, options.CertificatePassword);
            }
            else
            {
                key.ImportFromPem(keyPem);
            }
        }
        catch (CryptographicException) when (encrypted)
        {
            throw Invalid($"{names.Password} does not decrypt the private key in {keySetting} '{keyPath}'.");
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            // An RSA key for an ECDSA certificate, or the reverse, does not even import.
            throw Invalid($"the private key in {keySetting} '{keyPath}' does not match the certificate in {names.Certificate} '{certificatePath}': {error.Message}");
        }

        if (!key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            throw Invalid($"the private key in {keySetting} '{keyPath}' does not match the certificate in {names.Certificate} '{certificatePath}' ({certificate.Subject}).");
        }

        return key is RSA rsa ? certificate.CopyWithPrivateKey(rsa) : certificate.CopyWithPrivateKey((ECDsa)key);
    }

    /// <summary>The first certificate of a PEM file: the leaf, when the file carries its chain after it.</summary>
    private static X509Certificate2 CertificateOf(string pem, string setting, string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException error)
        {
            throw Invalid($"{setting} '{path}' holds no PEM certificate: {error.Message}");
        }
    }

    private static X509Certificate2Collection ReadAuthorities(string setting, string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(Encoding.ASCII.GetString(Read(setting, path)));
        }
        catch (CryptographicException error)
        {
            throw Invalid($"{setting} '{path}' is not a PEM bundle of certificates: {error.Message}");
        }

        return authorities.Count > 0 ? authorities : throw Invalid($"{setting} '{path}' holds no PEM certificate.");
    }

    /// <summary>What a peer would refuse, said at start-up instead: out of validity, a usage missing, another authority.</summary>
    private static void CheckUsable(X509Certificate2 certificate, X509Certificate2Collection authorities, IReadOnlyList<string> usages, string what, string authoritiesSetting)
    {
        var now = DateTime.Now;
        if (certificate.NotAfter < now)
        {
            throw Invalid($"{what} expired on {certificate.NotAfter.ToUniversalTime():u}.");
        }

        if (certificate.NotBefore > now)
        {
            throw Invalid($"{what} is not valid before {certificate.NotBefore.ToUniversalTime():u}.");
        }

        // A certificate without the extension may be used for anything (RFC 5280).
        var allowed = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages;
        foreach (var usage in usages)
        {
            if (allowed is not null && allowed[usage] is null)
            {
                throw Invalid($"{what} may not be used for {MutualTlsUsage.Describe(usage)}: its extended key usage lacks {usage}.");
            }
        }

        if (MutualTlsChain.Problem(certificate, authorities, usages) is { } problem)
        {
            throw Invalid($"{what} does not chain to a certificate authority of {authoritiesSetting}: {problem}.");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new(nameof(MutualTlsOptions), typeof(MutualTlsOptions), [message]);

    /// <summary>Each property of <see cref="MutualTlsOptions"/> as the host names it: "--tls-certificate", "Api:Tls:CertificatePath".</summary>
    private sealed class SettingNames(Func<string, string> name)
    {
        public string Certificate { get; } = name(nameof(MutualTlsOptions.CertificatePath));

        public string Key { get; } = name(nameof(MutualTlsOptions.KeyPath));

        public string Password { get; } = name(nameof(MutualTlsOptions.CertificatePassword));

        public string Authorities { get; } = name(nameof(MutualTlsOptions.CertificateAuthorityPath));
    }
}
