using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Api.Hosting;
using Platform.Api.Tests.Support;
using Npgsql;

namespace Platform.Api.Tests;

/// <summary>An API that loses its cluster or its membership database stays live and says which check is failing.</summary>
public sealed class ApiReadinessTests
{
    [Fact]
    public async Task Without_a_silo_the_api_is_live_and_not_ready_naming_the_cluster_check()
    {
        const string clusterId = "readiness-test";
        await using var silo = await SiloProcess.StartAsync(["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", clusterId]);
        using var tokens = new TestTokens();
        await using var api = Api(clusterId, tokens, "Api:Gateways:0", silo.Gateway);
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

    [Fact]
    public async Task Cut_off_from_its_membership_database_the_api_is_not_ready_naming_postgresql_and_recovers()
    {
        const string clusterId = "readiness-database-test";
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(
            ["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", clusterId, "--storage", "postgres", "--postgres", database.ConnectionString]);
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Parse(direct.Host!), direct.Port));
        var relayed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port };
        using var tokens = new TestTokens();
        await using var api = Api(clusterId, tokens, "Api:PostgresConnectionString", relayed.ConnectionString);
        using var probes = api.CreateClient();
        var server = $"127.0.0.1:{relay.Port}/{database.Name}";
        var before = await Eventually.ValueAsync(() => ChecksWhenAsync(probes, HttpStatusCode.OK), TimeSpan.FromSeconds(60));
        before!["postgresql"].ShouldBe($"Healthy: PostgreSQL at {server} answers");

        relay.Cut();
        var cut = await Eventually.ValueAsync(() => ChecksWhenAsync(probes, HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(30));
        using var live = await probes.GetAsync("/health/live");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        cut!["postgresql"].ShouldStartWith($"Unhealthy: PostgreSQL at {server} is unreachable: ");
        cut["cluster"].ShouldStartWith("Healthy: ", customMessage: "the gateway it already knows still answers");

        relay.Restore();
        var after = await Eventually.ValueAsync(() => ChecksWhenAsync(probes, HttpStatusCode.OK), TimeSpan.FromSeconds(30));
        after!["postgresql"].ShouldBe($"Healthy: PostgreSQL at {server} answers");
    }

    /// <summary>An in-process API of <paramref name="clusterId"/> that finds its gateways by the one setting given.</summary>
    private static WebApplicationFactory<ApiOptions> Api(string clusterId, TestTokens tokens, string gatewaysSetting, string gateways) =>
        new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting(gatewaysSetting, gateways);
            web.UseSetting("Api:ClusterId", clusterId);
            web.UseSetting("Api:Jwt:Issuer", TestTokens.Issuer);
            web.UseSetting("Api:Jwt:SigningKeysPem:0", tokens.PublicKeyPem);
        });

    /// <summary>Each check as "Status: description" once /health/ready answers <paramref name="status"/>; null before.</summary>
    private static async Task<Dictionary<string, string>?> ChecksWhenAsync(HttpClient probes, HttpStatusCode status)
    {
        using var response = await probes.GetAsync("/health/ready");
        if (response.StatusCode != status)
        {
            return null;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            check => check.GetProperty("name").GetString()!,
            check => $"{check.GetProperty("status").GetString()}: {check.GetProperty("description").GetString()}");
    }
}
