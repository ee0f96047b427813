using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Client;
using Platform.Orleans.Security;

namespace Platform.Silo.Tests.Tls;

/// <summary>
/// Certificates that cannot work stop the silo (exit code 2) and the client SDK (<see cref="OptionsValidationException"/>)
/// at start-up with a message naming the setting and the file; <c>--make-dev-certs</c> makes certificates both accept.
/// </summary>
public sealed class MutualTlsConfigurationTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    [Theory]
    [InlineData("missing certificate file")]
    [InlineData("no authorities")]
    [InlineData("wrong PKCS#12 password")]
    [InlineData("key of another certificate")]
    [InlineData("client certificate")]
    [InlineData("another authority")]
    [InlineData("expired")]
    public async Task A_silo_with_unusable_tls_settings_exits_with_2_naming_the_setting_and_the_file(string problem)
    {
        var (silo, client, authority) = (certificates.Silo, certificates.Client, certificates.Authority);
        var environment = new Dictionary<string, string>();
        var (tls, message) = problem switch
        {
            "missing certificate file" => (
                TlsCertificates.SiloArguments((certificates.At("missing.crt"), silo.Key), authority),
                $"--tls-certificate '{certificates.At("missing.crt")}' does not exist."),
            "no authorities" => (
                ["--tls-certificate", silo.Certificate, "--tls-key", silo.Key],
                "--tls-ca must name the PEM bundle of the certificate authorities peers' certificates must chain to."),
            "wrong PKCS#12 password" => (
                ["--tls-certificate", certificates.SiloPkcs12, "--tls-ca", authority],
                $"--tls-certificate '{certificates.SiloPkcs12}' is not PEM, and not PKCS#12 that opens with --tls-password: "),
            "key of another certificate" => (
                TlsCertificates.SiloArguments((silo.Certificate, client.Key), authority),
                $"the private key in --tls-key '{client.Key}' does not match the certificate in --tls-certificate '{silo.Certificate}' (CN=silo)."),
            "client certificate" => (
                TlsCertificates.SiloArguments(client, authority),
                $"--tls-certificate '{client.Certificate}' (CN=client) may not be used for TLS server authentication: its extended key usage lacks 1.3.6.1.5.5.7.3.1."),
            "another authority" => (
                TlsCertificates.SiloArguments(certificates.OtherAuthoritySilo, authority),
                $"--tls-certificate '{certificates.OtherAuthoritySilo.Certificate}' (CN=other-silo) does not chain to a certificate authority of --tls-ca '{authority}': PartialChain"),
            "expired" => (
                TlsCertificates.SiloArguments(certificates.ExpiredClient, authority),
                $"--tls-certificate '{certificates.ExpiredClient.Certificate}' (CN=expired-client) expired on "),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
        if (problem == "wrong PKCS#12 password")
        {
            environment["PLATFORM_SILO__TLSPASSWORD"] = "not the password";
        }

        var result = await SiloProcess.RunAsync(["--port", "0", "--gateway-port", "0", "--http-port", "none", .. tls], environment);

        result.ExitCode.ShouldBe(2, result.Stderr);
        var line = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem(result.Stderr);
        line.ShouldStartWith($"Platform.Silo: bad configuration: {message}", customMessage: line);
        line.ShouldNotContain("not the password", customMessage: "a password is never printed");
        result.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("missing key file")]
    [InlineData("key of another certificate")]
    [InlineData("another authority")]
    [InlineData("no certificate")]
    public void The_client_sdk_refuses_unusable_tls_settings_naming_the_setting_and_the_file(string problem)
    {
        var (options, message) = problem switch
        {
            "missing key file" => (
                TlsCertificates.ClientOptions((certificates.Client.Certificate, certificates.At("missing.key")), certificates.Authority),
                $"PlatformClientOptions.Tls.KeyPath '{certificates.At("missing.key")}' does not exist."),
            "key of another certificate" => (
                TlsCertificates.ClientOptions((certificates.Client.Certificate, certificates.Silo.Key), certificates.Authority),
                $"the private key in PlatformClientOptions.Tls.KeyPath '{certificates.Silo.Key}' does not match the certificate in PlatformClientOptions.Tls.CertificatePath '{certificates.Client.Certificate}' (CN=client)."),
            "another authority" => (
                TlsCertificates.ClientOptions(certificates.OtherAuthorityClient, certificates.Authority),
                $"PlatformClientOptions.Tls.CertificatePath '{certificates.OtherAuthorityClient.Certificate}' (CN=other-client) does not chain to a certificate authority of PlatformClientOptions.Tls.CertificateAuthorityPath '{certificates.Authority}': PartialChain"),
            "no certificate" => (
                new MutualTlsOptions { CertificateAuthorityPath = certificates.Authority },
                "PlatformClientOptions.Tls.CertificatePath must name the certificate (PEM or PKCS#12) to present to peers."),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
        var builder = Host.CreateApplicationBuilder();

        var refusal = Should.Throw<OptionsValidationException>(() => builder.AddPlatformClient(client =>
        {
            client.Gateways.Add("127.0.0.1:30000");
            client.Tls = options;
        }));

        refusal.Message.ShouldStartWith(message, customMessage: refusal.Message);
    }

    [Fact]
    public void A_pkcs12_certificate_opens_with_its_password_and_a_pem_file_may_hold_its_key()
    {
        using var pkcs12 = MutualTlsCredentials.ForSilo(
            new MutualTlsOptions { CertificatePath = certificates.SiloPkcs12, CertificatePassword = TlsCertificates.Pkcs12Password, CertificateAuthorityPath = certificates.Authority },
            property => property);
        pkcs12.Certificate.HasPrivateKey.ShouldBeTrue();
        pkcs12.Certificate.Subject.ShouldBe("CN=silo");

        var combined = certificates.At("client-with-key.pem");
        File.WriteAllText(combined, File.ReadAllText(certificates.Client.Certificate) + File.ReadAllText(certificates.Client.Key));
        using var pem = MutualTlsCredentials.ForClient(new MutualTlsOptions { CertificatePath = combined, CertificateAuthorityPath = certificates.Authority }, property => property);
        pem.Certificate.HasPrivateKey.ShouldBeTrue();
        pem.Certificate.Subject.ShouldBe("CN=client");
    }

    [Fact]
    public async Task Make_dev_certs_writes_an_authority_and_certificates_the_silo_and_clients_accept_with_keys_only_their_owner_reads()
    {
        var directory = certificates.At("dev");

        var result = await SiloProcess.RunAsync(["--make-dev-certs", directory]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldStartWith("Platform.Silo: development certificates (never for production) valid until ");
        var authority = Path.Combine(directory, DevelopmentCertificates.AuthorityFile);
        using var silo = MutualTlsCredentials.ForSilo(new MutualTlsOptions
        {
            CertificatePath = Path.Combine(directory, DevelopmentCertificates.SiloCertificateFile),
            KeyPath = Path.Combine(directory, DevelopmentCertificates.SiloKeyFile),
            CertificateAuthorityPath = authority,
        }, property => property);
        using var client = MutualTlsCredentials.ForClient(new MutualTlsOptions
        {
            CertificatePath = Path.Combine(directory, DevelopmentCertificates.ClientCertificateFile),
            KeyPath = Path.Combine(directory, DevelopmentCertificates.ClientKeyFile),
            CertificateAuthorityPath = authority,
        }, property => property);
        (silo.Certificate.NotAfter - DateTime.Now).ShouldBeGreaterThan(TimeSpan.FromDays(80));
        foreach (var key in new[] { DevelopmentCertificates.SiloKeyFile, DevelopmentCertificates.ClientKeyFile })
        {
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(Path.Combine(directory, key)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, key);
            }
        }

        // A client certificate cannot serve as a silo's: the silo port admits silo certificates only.
        Should.Throw<OptionsValidationException>(() => MutualTlsCredentials.ForSilo(new MutualTlsOptions
        {
            CertificatePath = Path.Combine(directory, DevelopmentCertificates.ClientCertificateFile),
            KeyPath = Path.Combine(directory, DevelopmentCertificates.ClientKeyFile),
            CertificateAuthorityPath = authority,
        }, property => property)).Message.ShouldContain("may not be used for TLS server authentication");
    }
}
