using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.Api.Hosting;

namespace Platform.Api.Tests.Support;

/// <summary>
/// The API on a real Kestrel port of 127.0.0.1 (a browser cannot reach the in-memory test server), an Orleans client of
/// <see cref="ApiCluster"/>'s silo, with the development issuer (as scripts/run.sh) and the page of src/Platform.Api/wwwroot.
/// </summary>
public sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PageServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The API's address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    public static string RepositoryRoot { get; } = typeof(PageServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    /// <param name="developmentIssuer">False: the API trusts only the tests' issuer (as in a cluster), so <c>/dev/token</c> is a 404.</param>
    public static async Task<PageServer> StartAsync(ApiCluster cluster, bool developmentIssuer = true)
    {
        var api = Path.Combine(RepositoryRoot, "src", "Platform.Api");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = api,
            WebRootPath = Path.Combine(api, "wwwroot"),
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(ApiOptions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:Gateways:0"] = cluster.Gateway,
            ["Api:ClusterId"] = ApiCluster.ClusterId,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(developmentIssuer
            ? new Dictionary<string, string?> { ["Api:Jwt:Issuer"] = "platform-development", ["Api:Jwt:DevelopmentIssuer"] = "true" }
            : new Dictionary<string, string?> { ["Api:Jwt:Issuer"] = TestTokens.Issuer, ["Api:Jwt:SigningKeysPem:0"] = cluster.Tokens.PublicKeyPem });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPlatformApi();
        var app = builder.Build();
        app.MapPlatformApi();
        await app.StartAsync();
        return new PageServer(app, app.Urls.First(url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
