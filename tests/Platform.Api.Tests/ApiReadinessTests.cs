using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Api.Hosting;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>An API whose cluster is gone stays live and says why it is not ready.</summary>
public sealed class ApiReadinessTests
{
    [Fact]
    public async Task Without_a_silo_the_api_is_live_and_not_ready_naming_the_cluster_check()
    {
        const string clusterId = "readiness-test";
        await using var silo = await SiloProcess.StartAsync(["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", clusterId]);
        using var tokens = new TestTokens();
        await using var api = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Api:Gateways:0", silo.Gateway);
            web.UseSetting("Api:ClusterId", clusterId);
            web.UseSetting("Api:Jwt:Issuer", TestTokens.Issuer);
            web.UseSetting("Api:Jwt:SigningKeysPem:0", tokens.PublicKeyPem);
        });
        using var probes = api.CreateClient();
        (await probes.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        silo.Kill();
        var ready = await Eventually.ValueAsync(async () =>
        {
            using var response = await probes.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.Content.ReadAsStringAsync() : null;
        }, TimeSpan.FromSeconds(60)) ?? string.Empty;
        using var live = await probes.GetAsync("/health/live");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.ShouldContain("\"cluster\"");
        ready.ShouldContain("Unhealthy");
    }
}
