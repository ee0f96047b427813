using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Hosting;

namespace Platform.Api.Tests.Support;

/// <summary>
/// The real silo executable on a PostgreSQL database of its own, and the API in this process as an Orleans client of it
/// through the silo's gateway, with the tests' token issuer (the factory finds the API's entry point through any of its
/// public types: <see cref="ApiOptions"/>). Shared by the API tests (each uses tenants of its own).
/// </summary>
public sealed class ApiCluster : IAsyncLifetime
{
    private PostgresServer.Database? _database;
    private RunningSilo? _silo;
    private WebApplicationFactory<ApiOptions>? _api;

    public TestTokens Tokens { get; } = new();

    /// <summary>
    /// The silo's connection lease, short so that a test sees a dead API instance's sessions expire within seconds; still
    /// three renewals long, so a busy test machine does not drop live connections.
    /// </summary>
    public static readonly TimeSpan AlertLease = TimeSpan.FromSeconds(6);

    /// <summary>How often the silo's session grains look for their heartbeat.</summary>
    public static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Rate limits of the API under test: low per user so a test can reach them, high per tenant.</summary>
    public const int PerUserPerSecond = 20;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _silo = await SiloProcess.StartAsync(
            ["--port", "0", "--gateway-port", "0", "--cluster-id", "api-test", "--zone", Zone, "--storage", "postgres", "--postgres", _database.ConnectionString],
            new Dictionary<string, string>
            {
                ["Alerts__LeaseDuration"] = AlertLease.ToString(),
                ["Alerts__ExpiryCheckInterval"] = ExpiryCheckInterval.ToString(),
            });
        _api = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Api:Gateways:0", _silo.Gateway);
            web.UseSetting("Api:ClusterId", "api-test");
            web.UseSetting("Api:Jwt:Issuer", TestTokens.Issuer);
            web.UseSetting("Api:Jwt:Audience", TestTokens.Audience);
            web.UseSetting("Api:Jwt:SigningKeysPem:0", Tokens.PublicKeyPem);
            web.UseSetting("Api:RateLimits:PerUserPerSecond", PerUserPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Api:RateLimits:PerUserBurst", PerUserPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Api:MaxRequestBodyBytes", "16384");
        });
        _api.Server.PreserveExecutionContext = true;
    }

    /// <summary>A client of the API, authenticated as <paramref name="user"/> of <paramref name="tenant"/> when given.</summary>
    public HttpClient Client(string? tenant = null, string? user = null, params string[] roles)
    {
        var client = (_api ?? throw new InvalidOperationException("Not started.")).CreateClient();
        if (tenant is not null && user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(tenant, user, roles));
        }

        return client;
    }

    /// <summary>The API's in-memory server, for clients other than <see cref="HttpClient"/> (SignalR) through its handler.</summary>
    public TestServer Server => (_api ?? throw new InvalidOperationException("Not started.")).Server;

    public HttpClient ClientWithToken(string token)
    {
        var client = _api!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Another API instance in this process, of the same cluster, with <paramref name="settings"/> on top of the shared
    /// one's (e.g. a concurrency limit a test can reach).
    /// </summary>
    public WebApplicationFactory<ApiOptions> WithSettings(params (string Key, string Value)[] settings) =>
        (_api ?? throw new InvalidOperationException("Not started.")).WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });

    /// <summary>The in-process API's cluster client, for what a test checks in the grains directly (sessions, the push outbox).</summary>
    public IGrainFactory Grains => (_api ?? throw new InvalidOperationException("Not started.")).Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's database, for a test that makes its writes fail.</summary>
    public PostgresServer.Database Database => _database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The silo's gateway (<c>address:port</c>), for a second API instance of the same cluster (the page tests' real server).</summary>
    public string Gateway => (_silo ?? throw new InvalidOperationException("Not started.")).Gateway;

    /// <summary>The cluster id the silo was started with.</summary>
    public const string ClusterId = "api-test";

    /// <summary>The silo's zone, which the operators' dashboard shows.</summary>
    public const string Zone = "zone-t1";

    public static string NewTenant() => $"t{Guid.NewGuid():N}"[..12];

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Tokens.Dispose();
    }
}
