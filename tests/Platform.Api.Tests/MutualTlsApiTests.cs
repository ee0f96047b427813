using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Api.Hosting;
using Platform.Api.Tests.Support;
using Platform.Silo.Tests.Tls;

namespace Platform.Api.Tests;

/// <summary>The API as an Orleans client of a silo that runs mutual TLS, with the certificate files it is given in Api:Tls.</summary>
public sealed class MutualTlsApiTests
{
    [Fact]
    public async Task The_api_with_a_certificate_of_the_cluster_is_ready_and_serves_requests_through_a_mutual_tls_gateway()
    {
        const string clusterId = "api-tls-test";
        using var certificates = new TlsCertificates();
        await using var silo = await SiloProcess.StartAsync(
            ["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", clusterId, .. TlsCertificates.SiloArguments(certificates.Silo, certificates.Authority)]);
        using var tokens = new TestTokens();
        await using var api = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Api:Gateways:0", silo.Gateway);
            web.UseSetting("Api:ClusterId", clusterId);
            web.UseSetting("Api:Jwt:Issuer", TestTokens.Issuer);
            web.UseSetting("Api:Jwt:SigningKeysPem:0", tokens.PublicKeyPem);
            web.UseSetting("Api:Tls:CertificatePath", certificates.Client.Certificate);
            web.UseSetting("Api:Tls:KeyPath", certificates.Client.Key);
            web.UseSetting("Api:Tls:CertificateAuthorityPath", certificates.Authority);
        });
        using var http = api.CreateClient();

        (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For("tls", "bruno", "freelancer"));
        (await http.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);
        silo.Output.ShouldContain("mutual TLS as CN=silo until ");
        silo.Output.ShouldNotContain("Authentication failed", customMessage: "the API's connections were all admitted");
    }
}
