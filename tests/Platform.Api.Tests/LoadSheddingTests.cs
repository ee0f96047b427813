using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;
using Xunit.Abstractions;

namespace Platform.Api.Tests;

/// <summary>
/// A real silo (on PostgreSQL) with a low CPU threshold, the API as a process of its own, and CPU-heavy matching queries
/// sent straight to the silo's gateway at a rising rate: once the silo is past its threshold its gateway refuses requests
/// and the API answers 503 with Retry-After at once (the call retry does not re-send a refusal for its 10 s), the
/// requests admitted while the load runs succeed within the API's deadline, and once the load stops the API serves again.
/// </summary>
[Collection(CpuLoadCollection.Name)]
public sealed class LoadSheddingTests(ITestOutputHelper output)
{
    private const string ClusterId = "shedding-test";

    /// <summary>
    /// A freshly started silo measures 4-10 % of the development machine's two cores for half a minute (compiling,
    /// connecting), and Orleans' smoothed value lets a one-second burst of compiling hold a silo over a threshold of 10 %
    /// for 20 s and more; 15 % leaves the start-up and the warm-up several seconds each. Beside two busy processes, with the
    /// tests at nice 10, the silo still reaches 15-30 % under the load.
    /// </summary>
    private const int CpuThreshold = 15;

    /// <summary>How long the load may rise before the silo must shed it: generous, for a machine whose other work starves the silo.</summary>
    private static readonly TimeSpan RampLimit = TimeSpan.FromSeconds(90);

    /// <summary>A refusal's 503 comes within this: half the 10 s for which the call retry would have re-sent it.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    /// <summary>The API's grain call deadline (<c>Api:GrainCallTimeout</c>, default 5 s): an admitted request answers within it.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Orleans smooths the CPU it measures with a filter that falls slowly once the load is gone, so the silo may refuse
    /// requests for a while after its start, after the first requests (what they compiled) and after the load.
    /// </summary>
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The memory stream provider polls its 8 queues every 20 ms by default, a few percent of the machine on an idle silo:
    /// noise to a low threshold, and no stream matters here.
    /// </summary>
    private static readonly Dictionary<string, string> QuietStreams = new()
    {
        ["Streams__Memory__Partitions"] = "1",
        ["Streams__PollingPeriod"] = "00:00:01",
    };

    [Fact]
    public async Task Past_its_CPU_threshold_a_silo_refuses_requests_the_API_answers_503_at_once_and_serves_again_once_the_load_stops()
    {
        var started = TimeProvider.System.GetTimestamp();
        void Log(string what) => output.WriteLine($"{TimeProvider.System.GetElapsedTime(started).TotalSeconds,5:F1} s: {what}");
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(
            [
                "--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", ClusterId,
                "--storage", "postgres", "--postgres", database.ConnectionString, "--load-shedding-cpu", $"{CpuThreshold}",
            ],
            QuietStreams);
        Log("the silo is ready");
        using var tokens = new TestTokens();

        // The first requests of each kind make the silo compile and connect what they need, which may hold it over its
        // threshold for a while: made together, so that it settles once.
        await using var load = await MatchingLoad.ConnectAsync(silo.Gateway, ClusterId, silo.ProcessId);
        var warmingUp = load.WarmUpAsync(5);
        await using var api = await ApiProcess.StartAsync(silo.Gateway, ClusterId, tokens);
        using var http = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(ApiCluster.NewTenant(), "bruno", "freelancer"));
        await Eventually.ValueAsync(async () =>
        {
            using var response = await http.PutAsJsonAsync("/api/freelancers/me", Samples.Profile());
            return response.StatusCode == HttpStatusCode.OK ? "stored" : null;
        }, Settling);
        await warmingUp;
        Log("the API stored a profile and the silo answered matching queries");

        await using var probes = ApiProbes.Start(http, "/api/freelancers/me");
        await probes.ServedForAsync(TimeSpan.FromSeconds(3), Settling);
        Log($"the API serves steadily ({ApiProbes.Summary(probes.Answers())}); the load starts");
        load.Start();
        var loaded = probes.Elapsed;
        try
        {
            await load.WaitForSheddingAsync(RampLimit);
            await probes.WaitForAsync(answers => answers.Any(a => a.SentAt >= loaded && a.Status == HttpStatusCode.ServiceUnavailable), Settling, "A 503 from the API");
        }
        finally
        {
            await load.StopAsync();
            output.WriteLine(string.Join(Environment.NewLine, load.Timeline));
        }

        var stopped = probes.Elapsed;
        var answers = await probes.WaitForAsync(answers => answers.Any(a => a.SentAt > stopped && a.Status == HttpStatusCode.OK), Settling, "A 200 after the load stopped");
        var summary = ApiProbes.Summary(answers);
        var recovered = answers.First(a => a.SentAt > stopped && a.Status == HttpStatusCode.OK).SentAt - stopped;
        Log($"the API answered {summary}; the load ran from {loaded.TotalSeconds:F1} s to {stopped.TotalSeconds:F1} s of that, a 200 came {recovered.TotalSeconds:F1} s after it");

        load.Unexpected.ShouldBeNull("the load's queries were served, refused or timed out");
        var underLoad = answers.Where(a => a.SentAt >= loaded && a.SentAt < stopped).ToList();
        underLoad.ShouldAllBe(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.ServiceUnavailable, summary);
        var refused = underLoad.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        refused.ShouldAllBe(a => a.Title == "The cluster is shedding load" && a.RetryAfter == TimeSpan.FromSeconds(5), summary);
        refused.Max(a => a.Latency).ShouldBeLessThan(Prompt, $"a refusal is answered at once, not re-sent until the retry's deadline: {summary}");
        var admitted = underLoad.Where(a => a.Status == HttpStatusCode.OK).ToList();
        admitted.ShouldNotBeEmpty($"requests were admitted while the load rose: {summary}");
        admitted.Max(a => a.Latency).ShouldBeLessThan(Deadline, $"admitted requests are served within the API's deadline: {summary}");
    }
}
