using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Platform.Api.Hosting;
using Platform.Api.Tests.Support;
using Platform.Silo;

namespace Platform.Api.Tests;

/// <summary>
/// One trace from an HTTP request to SQL. The silo runs in this process (built by the executable's own
/// <see cref="SiloHost"/>, on PostgreSQL), so the in-memory exporter sees the spans of the API and the silo alike.
/// In the API tests' collection, so that no other test's hosts make grain calls while it listens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task An_HTTP_request_is_the_root_of_its_grain_call_and_PostgreSQL_spans()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var settings = SiloHostSettingsParser.Parse(
            ["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", "trace-test", "--storage", "postgres", "--postgres", database.ConnectionString],
            new Dictionary<string, string>());
        using var silo = SiloHost.Build(settings, logsToStandardError: true);
        await silo.StartAsync();
        var spans = new List<Activity>();
        using var tokens = new TestTokens();
        await using var api = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Api:Gateways:0", silo.Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress!.Endpoint.ToString());
            web.UseSetting("Api:ClusterId", "trace-test");
            web.UseSetting("Api:Jwt:Issuer", TestTokens.Issuer);
            web.UseSetting("Api:Jwt:Audience", TestTokens.Audience);
            web.UseSetting("Api:Jwt:SigningKeysPem:0", tokens.PublicKeyPem);
            web.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        });
        using var bruno = api.CreateClient();
        bruno.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(ApiCluster.NewTenant(), "bruno", "freelancer"));

        var response = await bruno.PutAsJsonAsync("/api/freelancers/me", Samples.Profile());

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var root = await Eventually.ValueAsync(() => Task.FromResult(Snapshot(spans).FirstOrDefault(span =>
            span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore" && span.DisplayName.Contains("/api/freelancers/me", StringComparison.Ordinal))));
        root!.ParentSpanId.ShouldBe(default, "the HTTP server span starts the trace");

        // The grain calls' spans and the SQL end around the response; wait until the tree below the root holds them.
        List<Activity>? tree = null;
        try
        {
            tree = await Eventually.ValueAsync(() =>
            {
                var below = Descendants(Snapshot(spans), root);
                var complete = below.Any(IsGrainClient) && below.Any(IsGrainServer) && below.Any(IsPostgreSql);
                return Task.FromResult(complete ? below : null);
            });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the trace {root.TraceId} lacks a grain client, grain server or PostgreSQL span; it holds:{Environment.NewLine}{Describe(Snapshot(spans).Where(span => span.TraceId == root.TraceId))}");
        }

        tree!.ShouldAllBe(span => span.TraceId == root.TraceId);
        tree!.First(IsGrainServer).GetTagItem("rpc.system.name").ShouldBe("orleans");
        // Npgsql 10 follows the stable database conventions: db.system.name, which replaced db.system.
        tree!.First(IsPostgreSql).GetTagItem("db.system.name").ShouldBe("postgresql");
        await api.DisposeAsync();
        await silo.StopAsync();
    }

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join(Environment.NewLine, spans.Select(span => $"{span.Source.Name} {span.Kind} {span.DisplayName} {span.SpanId} <- {span.ParentSpanId}"));

    private static bool IsGrainClient(Activity span) => span.Kind == ActivityKind.Client && span.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal);

    private static bool IsGrainServer(Activity span) => span.Kind == ActivityKind.Server && span.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal);

    private static bool IsPostgreSql(Activity span) => span.Source.Name == "Npgsql";

    // The exporter appends while the test reads; ToArray copies without the enumerator's check for a concurrent change.
    private static List<Activity> Snapshot(List<Activity> spans) => [.. spans.ToArray()];

    /// <summary>Every span whose chain of parents reaches <paramref name="root"/>.</summary>
    private static List<Activity> Descendants(List<Activity> spans, Activity root)
    {
        var parentOf = spans.GroupBy(span => span.SpanId).ToDictionary(group => group.Key, group => group.First().ParentSpanId);
        return spans.Where(span => span != root && ReachesRoot(span.ParentSpanId)).ToList();

        bool ReachesRoot(ActivitySpanId parent)
        {
            for (var hops = 0; parent != default && hops < 64; hops++)
            {
                if (parent == root.SpanId)
                {
                    return true;
                }

                if (!parentOf.TryGetValue(parent, out parent))
                {
                    return false;
                }
            }

            return false;
        }
    }
}
