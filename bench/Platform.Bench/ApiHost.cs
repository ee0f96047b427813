using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Api.Hosting;
using Platform.Api.Security;

namespace Platform.Bench;

/// <summary>
/// One Platform.Silo process (memory storage, the bench grains loaded as in the other multi-process scenarios) and the
/// real HTTP API in this process on Kestrel at http://127.0.0.1:PORT as an Orleans client of its gateway, with the
/// development token issuer; an <see cref="HttpClient"/> with one connection pool of the given size.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string Tenant = "bench";

    private static readonly TimeSpan SiloReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    private readonly SiloProcess _silo;
    private readonly WebApplication _api;

    private ApiHost(SiloProcess silo, WebApplication api, Uri baseAddress, HttpClient http)
    {
        _silo = silo;
        _api = api;
        BaseAddress = baseAddress;
        Http = http;
    }

    public Uri BaseAddress { get; }

    /// <summary>Loopback HTTP/1.1 to the API with at most as many connections as <see cref="StartAsync"/> was given.</summary>
    public HttpClient Http { get; }

    /// <summary>A bearer token of the API's development issuer, as a signed-in user of <see cref="Tenant"/> would present.</summary>
    public string Token(string user, string role) =>
        _api.Services.GetRequiredService<DevelopmentTokenIssuer>().Issue(Tenant, user, [role], TokenLifetime);

    public static async Task<ApiHost> StartAsync(int connections)
    {
        var clusterId = $"bench-{Guid.NewGuid():N}"[..16];
        var silo = await SiloProcess.StartAsync(
            SiloEndpoint.Free(), ["--cluster-id", clusterId, "--zone", "a", "--storage", "memory"], SiloReadyTimeout);
        WebApplication? api = null;
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort().ToString(CultureInfo.InvariantCulture)}");
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(Configuration(clusterId, gateway: silo.Endpoint.Gateway));
            // Standard output carries the JSON lines only: logs go to standard error.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.WebHost.UseUrls(baseAddress.ToString());
            builder.AddPlatformApi();
            api = builder.Build();
            api.MapPlatformApi();

            // The development issuer prints a banner with demo tokens to standard output once started: not a JSON line.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            try
            {
                await api.StartAsync();
            }
            finally
            {
                Console.SetOut(stdout);
            }

            var http = HttpClientFor(baseAddress, connections);
            var host = new ApiHost(silo, api, baseAddress, http);
            await ApiReadiness.WaitAsync(http, gone: () => false);
            return host;
        }
        catch
        {
            if (api is not null)
            {
                await api.DisposeAsync();
            }

            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The API's settings in a benchmark: a client of the cluster, its own development token issuer, limits that never
    /// refuse the offered load (it is the API and the grains that are measured, not the limiter), warnings only.
    /// </summary>
    /// <param name="gateway">The one silo's gateway ("address:port"), or null when <paramref name="membershipDatabase"/> is given.</param>
    /// <param name="membershipDatabase">
    /// The cluster's PostgreSQL, whose membership table lists the live gateways, as in a deployment: where silos die and
    /// start again (chaos), the API finds them there.
    /// </param>
    public static Dictionary<string, string?> Configuration(string clusterId, string? gateway = null, string? membershipDatabase = null)
    {
        if ((gateway is null) == (membershipDatabase is null))
        {
            throw new ArgumentException("exactly one of a gateway and a membership database says where the silos are");
        }

        return new()
        {
            [gateway is null ? "Api:PostgresConnectionString" : "Api:Gateways:0"] = gateway ?? membershipDatabase,
            ["Api:ClusterId"] = clusterId,
            ["Api:Jwt:Issuer"] = "platform-bench",
            ["Api:Jwt:DevelopmentIssuer"] = "true",
            ["Api:RateLimits:PerUserPerSecond"] = "1000000",
            ["Api:RateLimits:PerUserBurst"] = "1000000",
            ["Api:RateLimits:PerTenantPerSecond"] = "100000000",
            ["Api:RateLimits:PerTenantBurst"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
        };
    }

    /// <summary>Loopback HTTP/1.1 to an API at <paramref name="baseAddress"/> with at most <paramref name="connections"/> connections.</summary>
    public static HttpClient HttpClientFor(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A request with a user's bearer token.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Sends and throws, naming the request and the answer, unless the status is 2xx.</summary>
    public async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return response;
    }

    /// <summary>Creates the freelancer profile of <paramref name="token"/>'s user.</summary>
    public async Task PutProfileAsync(string token, string user, int revision = 0)
    {
        using var response = await SendCheckedAsync(Request(HttpMethod.Put, "/api/freelancers/me", token, JsonContent.Create(Profile(user, revision))));
    }

    /// <summary>Posts and publishes a job as <paramref name="token"/>'s client; returns its id (the path's last part).</summary>
    public async Task<string> PostJobAsync(string token)
    {
        var request = Request(HttpMethod.Post, "/api/jobs", token, JsonContent.Create(Job("Pastry chef for a wedding", publish: true)));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await SendCheckedAsync(request);
        var location = response.Headers.Location ?? throw new InvalidOperationException("POST /api/jobs answered without Location");
        return location.OriginalString.Split('/')[^1];
    }

    /// <summary>
    /// Whether matching has recorded candidates for the job yet: posting a job starts matching in the background (an
    /// embedding and an index query per job), which a scenario that measures something else waits out.
    /// </summary>
    public async Task<bool> HasMatchesAsync(string token, string jobId)
    {
        using var response = await SendCheckedAsync(Request(HttpMethod.Get, $"/api/jobs/{jobId}/matches", token));
        var candidates = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return candidates.GetArrayLength() > 0;
    }

    /// <summary>A small freelancer profile; <paramref name="revision"/> changes the headline (a write benchmark's change).</summary>
    public static object Profile(string user, long revision) => new
    {
        displayName = $"Bench {user}",
        headline = $"Pastry chef for events, revision {revision.ToString(CultureInfo.InvariantCulture)}",
        description = "Croissants, sourdough and plated desserts for weddings and conferences.",
        email = $"{user}@example.com",
        skills = new[] { "baking", "pastry" },
        certifications = Array.Empty<string>(),
        hourlyRate = 30m,
        currency = "EUR",
        latitude = 52.37,
        longitude = 4.90,
        availability = new[] { new { start = ShiftStart.AddDays(-1), end = ShiftStart.AddDays(2) } },
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _api.StopAsync(stopping.Token);
        }
        finally
        {
            await _api.DisposeAsync();
            await _silo.DisposeAsync();
        }
    }

    private static DateTimeOffset ShiftStart { get; } = DateTimeOffset.UtcNow.Date.AddDays(7).AddHours(9);

    /// <summary>A job a client posts: published (matching starts) or left a draft.</summary>
    public static object Job(string title, bool publish) => new
    {
        title,
        description = "Plated desserts and a croissant breakfast for 120 guests; baking and pastry experience needed.",
        requiredSkills = new[] { "baking", "pastry" },
        requiredCertifications = Array.Empty<string>(),
        shiftStart = ShiftStart,
        shiftEnd = ShiftStart.AddHours(8),
        latitude = 52.36,
        longitude = 4.91,
        radiusKm = 25.0,
        hourlyWageMin = 25m,
        hourlyWageMax = 40m,
        currency = "EUR",
        publish,
    };
}
