using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Platform.Api.Hosting;

namespace Platform.Api.Tests;

public sealed class ConfigurationTests
{
    private static ApiOptions Valid() => new()
    {
        Gateways = ["127.0.0.1:30000"],
        Jwt = { Issuer = "https://identity.test", DevelopmentIssuer = true },
    };

    public static TheoryData<string, Action<ApiOptions>, string> BadSettings() => new()
    {
        { "no cluster", options => options.Gateways.Clear(), "Api:Gateways or Api:PostgresConnectionString must say where the silos are." },
        { "bad gateway", options => options.Gateways[0] = "silo-one", "Api:Gateways entry 'silo-one' is not an 'address:port' endpoint." },
        { "no issuer", options => options.Jwt.Issuer = " ", "Api:Jwt:Issuer must name the token issuer." },
        { "two key sources", options => options.Jwt.JwksUrl = "https://identity.test/jwks", "Exactly one of Api:Jwt:JwksUrl, Api:Jwt:SigningKeysPem and Api:Jwt:DevelopmentIssuer must give the signing keys." },
        { "no key source", options => options.Jwt.DevelopmentIssuer = false, "Exactly one of Api:Jwt:JwksUrl, Api:Jwt:SigningKeysPem and Api:Jwt:DevelopmentIssuer must give the signing keys." },
        { "bad jwks url", options => { options.Jwt.DevelopmentIssuer = false; options.Jwt.JwksUrl = "jwks.json"; }, "Api:Jwt:JwksUrl 'jwks.json' is not an absolute http(s) URL." },
        { "bad pem", options => { options.Jwt.DevelopmentIssuer = false; options.Jwt.SigningKeysPem.Add("not a key"); }, "Api:Jwt:SigningKeysPem[0] is not an RSA public key in PEM." },
        { "operators' tenant in capitals", options => options.OperatorTenant = "Ops", "Api:OperatorTenant 'Ops' must be a tenant id: 1 to 63 lower-case ASCII letters, digits and '-'." },
        { "no operators' tenant", options => options.OperatorTenant = "", "Api:OperatorTenant '' must be a tenant id: 1 to 63 lower-case ASCII letters, digits and '-'." },
        { "zero deadline", options => options.GrainCallTimeout = TimeSpan.Zero, "Api:GrainCallTimeout '00:00:00' must be between 00:00:00 and 00:05:00." },
        { "tiny body limit", options => options.MaxRequestBodyBytes = 10, "Api:MaxRequestBodyBytes '10' must be between 1024 and 16777216." },
        { "no rate", options => options.RateLimits.PerUserPerSecond = 0, "Api:RateLimits:PerUserPerSecond '0' must be at least 1." },
        { "fee over half", options => options.Escrow.PlatformFeePercent = 50.5m, "Api:Escrow:PlatformFeePercent '50.5' must be between 0 and 50." },
        { "negative fee", options => options.Escrow.PlatformFeePercent = -1, "Api:Escrow:PlatformFeePercent '-1' must be between 0 and 50." },
        { "no concurrency", options => options.Concurrency.MaxRequests = 0, "Api:Concurrency:MaxRequests '0' must be between 1 and 100000." },
        { "negative queue", options => options.Concurrency.QueueLimit = -1, "Api:Concurrency:QueueLimit '-1' must be between 0 and 1000000." },
        { "queue as long as the deadline", options => options.Concurrency.QueueTimeout = TimeSpan.FromSeconds(5), "Api:Concurrency:QueueTimeout '00:00:05' must be above 00:00:00 and below Api:GrainCallTimeout (00:00:05)." },
        {
            "tls without authorities", options => options.Tls = new() { CertificatePath = "/etc/platform/tls/tls.crt" },
            "Api:Tls:CertificateAuthorityPath must name the PEM bundle of the certificate authorities peers' certificates must chain to."
        },
        {
            "missing tls certificate", options => options.Tls = new() { CertificatePath = "/nonexistent/tls.crt", CertificateAuthorityPath = "/nonexistent/ca.crt" },
            "Api:Tls:CertificatePath '/nonexistent/tls.crt' does not exist."
        },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_refused_with_a_message_naming_it(string what, Action<ApiOptions> spoil, string message)
    {
        var options = Valid();
        spoil(options);

        var result = new ApiOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue(what);
        result.Failures.ShouldContain(message);
    }

    [Fact]
    public void The_platform_fee_is_the_configured_share_rounded_down_to_a_whole_minor_unit()
    {
        new EscrowOptions().FeeOn(20_000).ShouldBe(2_000);
        new EscrowOptions { PlatformFeePercent = 7.5m }.FeeOn(999).ShouldBe(74);
        new EscrowOptions { PlatformFeePercent = 0 }.FeeOn(999).ShouldBe(0);
    }

    [Fact]
    public void Valid_settings_pass()
    {
        using var rsa = RSA.Create(2048);
        var options = Valid();
        options.Jwt.DevelopmentIssuer = false;
        options.Jwt.SigningKeysPem.Add(rsa.ExportSubjectPublicKeyInfoPem());

        new ApiOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void The_API_does_not_start_with_a_bad_section()
    {
        using var api = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Api:Gateways:0", "nonsense");
            web.UseSetting("Api:Jwt:Issuer", "https://identity.test");
            web.UseSetting("Api:Jwt:DevelopmentIssuer", "true");
        });

        var refusal = Should.Throw<OptionsValidationException>(() => api.CreateClient());

        refusal.Message.ShouldContain("Api:Gateways entry 'nonsense' is not an 'address:port' endpoint.");
    }
}
