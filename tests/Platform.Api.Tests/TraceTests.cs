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
/// One trace from an HTTP request through its grain calls, across silos, to SQL. The silos run in this process (built
/// by the executable's own <see cref="SiloHost"/>, on PostgreSQL), so the in-memory exporter sees every span.
/// In the API tests' collection, so that no other test's hosts make grain calls while it listens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task An_HTTP_request_is_the_root_of_its_grain_call_and_PostgreSQL_spans()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        using var silo = await StartSiloAsync(database, "trace-test", "a");
        var spans = new List<Activity>();
        using var tokens = new TestTokens();
        await using var api = StartApi([silo], "trace-test", tokens, spans);
        using var bruno = Caller(api, tokens, ApiCluster.NewTenant(), "bruno", "freelancer");

        var response = await bruno.PutAsJsonAsync("/api/freelancers/me", Samples.Profile());

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var root = await RootAsync(spans, HttpMethod.Put, "/api/freelancers/me");
        var tree = await TreeAsync(spans, root, below => below.Any(IsGrainClient) && below.Any(IsGrainServer) && below.Any(IsPostgreSql));

        tree.ShouldAllBe(span => span.TraceId == root.TraceId);
        tree.First(IsGrainServer).GetTagItem("rpc.system.name").ShouldBe("orleans");
        // Npgsql 10 follows the stable database conventions: db.system.name, which replaced db.system.
        tree.First(IsPostgreSql).GetTagItem("db.system.name").ShouldBe("postgresql");
        await api.DisposeAsync();
        await silo.StopAsync();
    }

    /// <summary>
    /// An application runs in the freelancer's grain, which calls the job's grain. New activations prefer the silo
    /// that asked for them, and the API spreads its calls over both gateways, so the test applies until the two grains
    /// live on different silos, and asserts the one trace holds the job grain's span and its SQL below the freelancer
    /// grain's.
    /// </summary>
    [Fact]
    public async Task A_trace_follows_a_grain_call_to_another_silo_and_down_to_its_SQL()
    {
        const string clusterId = "trace-two-silos";
        await using var database = await PostgresServer.CreateDatabaseAsync();
        using var siloA = await StartSiloAsync(database, clusterId, "a");
        using var siloB = await StartSiloAsync(database, clusterId, "b");
        var spans = new List<Activity>();
        using var tokens = new TestTokens();
        await using var api = StartApi([siloA, siloB], clusterId, tokens, spans);
        var management = siloA.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await Eventually.ValueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2 ? "both" : null, TimeSpan.FromSeconds(60));

        var earlier = new HashSet<ActivityTraceId>();
        for (var attempt = 1; ; attempt++)
        {
            var tenant = ApiCluster.NewTenant();
            using var alice = Caller(api, tokens, tenant, "alice", "client");
            using var bruno = Caller(api, tokens, tenant, "bruno", "freelancer");
            var posted = await alice.PostIdempotentAsync("/api/jobs", Samples.Job());
            posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
            var jobPath = posted.Headers.Location!.ToString();
            (await bruno.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);

            var applied = await bruno.PostIdempotentAsync($"{jobPath}/applications", new { coverNote = "I bake." });

            applied.StatusCode.ShouldBe(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
            var root = await RootAsync(spans, HttpMethod.Post, "/applications", earlier);
            earlier.Add(root.TraceId);
            var tree = await TreeAsync(spans, root, below => below.Any(span => IsGrainServerOf(span, "IFreelancerGrain")) && below.Any(span => IsGrainServerOf(span, "IJobGrain")));
            var freelancerSpan = tree.First(span => IsGrainServerOf(span, "IFreelancerGrain"));
            var jobSpan = Descendants(tree, freelancerSpan).First(span => IsGrainServerOf(span, "IJobGrain"));
            var freelancerSilo = await SiloOfAsync(management, siloA, freelancerSpan);
            var jobSilo = await SiloOfAsync(management, siloA, jobSpan);
            if (freelancerSilo == jobSilo)
            {
                attempt.ShouldBeLessThan(20, "placement put the freelancer and the job on the same silo every time");
                continue;
            }

            // The job grain ran on the other silo, in the same trace, with the SQL it caused below it.
            tree.ShouldAllBe(span => span.TraceId == root.TraceId);
            var jobSql = await TreeAsync(spans, jobSpan, below => below.Any(IsPostgreSql));
            jobSql.ShouldAllBe(span => span.TraceId == root.TraceId);
            break;
        }

        await api.DisposeAsync();
        await siloB.StopAsync();
        await siloA.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(PostgresServer.Database database, string clusterId, string zone)
    {
        var settings = SiloHostSettingsParser.Parse(
            ["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", clusterId, "--zone", zone, "--storage", "postgres", "--postgres", database.ConnectionString],
            new Dictionary<string, string>());
        var silo = SiloHost.Build(settings, logsToStandardError: true);
        await silo.StartAsync();
        return silo;
    }

    private static WebApplicationFactory<ApiOptions> StartApi(IHost[] silos, string clusterId, TestTokens tokens, List<Activity> spans) =>
        new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(web =>
        {
            for (var index = 0; index < silos.Length; index++)
            {
                web.UseSetting($"Api:Gateways:{index}", silos[index].Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress!.Endpoint.ToString());
            }

            web.UseSetting("Api:ClusterId", clusterId);
            web.UseSetting("Api:Jwt:Issuer", TestTokens.Issuer);
            web.UseSetting("Api:Jwt:Audience", TestTokens.Audience);
            web.UseSetting("Api:Jwt:SigningKeysPem:0", tokens.PublicKeyPem);
            web.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        });

    private static HttpClient Caller(WebApplicationFactory<ApiOptions> api, TestTokens tokens, string tenant, string user, string role)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(tenant, user, role));
        return client;
    }

    /// <summary>The ASP.NET Core server span of the request, which must start its trace.</summary>
    private static async Task<Activity> RootAsync(List<Activity> spans, HttpMethod method, string path, IReadOnlySet<ActivityTraceId>? except = null)
    {
        var root = await Eventually.ValueAsync(() => Task.FromResult(Snapshot(spans).FirstOrDefault(span =>
            except?.Contains(span.TraceId) != true && span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore"
            && span.DisplayName.StartsWith(method.Method + " ", StringComparison.Ordinal) && span.DisplayName.Contains(path, StringComparison.Ordinal))));
        root!.ParentSpanId.ShouldBe(default, "the HTTP server span starts the trace");
        return root;
    }

    /// <summary>The spans below <paramref name="root"/> once <paramref name="complete"/> holds: they end around the response.</summary>
    private static async Task<List<Activity>> TreeAsync(List<Activity> spans, Activity root, Func<List<Activity>, bool> complete)
    {
        try
        {
            return (await Eventually.ValueAsync(() =>
            {
                var below = Descendants(Snapshot(spans), root);
                return Task.FromResult(complete(below) ? below : null);
            }))!;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the trace {root.TraceId} below {root.DisplayName} lacks an expected span; it holds:{Environment.NewLine}{Describe(Snapshot(spans).Where(span => span.TraceId == root.TraceId))}");
            throw;
        }
    }

    /// <summary>The silo that holds the activation a grain server span ran in.</summary>
    private static async Task<SiloAddress?> SiloOfAsync(IManagementGrain management, IHost silo, Activity span)
    {
        var target = GrainId.Parse((string)span.GetTagItem("orleans.rpc.target_id")!);
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain(target);
        return (await management.GetActivationAddress(grain)).ShouldNotBeNull($"{target} has no activation");
    }

    private static bool IsGrainServerOf(Activity span, string grainInterface) =>
        IsGrainServer(span) && span.GetTagItem("orleans.rpc.service") is string service && service.EndsWith(grainInterface, StringComparison.Ordinal);

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
