using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Api.Realtime;

namespace Platform.Bench;

/// <summary>
/// Live alerts end to end: <c>--count</c> clients of one tenant, each its own user with a WebSocket connection to the
/// alerts hub and one open job; then a seeded freelancer applies to each job through the API, open loop at
/// <c>--rate</c> applications per second (200), and each client's connection must receive its ApplicationReceived alert.
/// Latency is from the application's scheduled send to the alert's receipt; alerts not received within
/// <see cref="StragglerWait"/> are lost. The applications start once matching has recorded candidates for every job:
/// the scenario measures delivery, not delivery behind a backlog of 2,000 matching queries.
/// </summary>
internal static class AlertsScenario
{
    private static readonly TimeSpan StragglerWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MatchingWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MatchingPoll = TimeSpan.FromMilliseconds(200);
    private const int MaxFreelancers = 200;
    private const int SeedParallelism = 32;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var count = options.Count;
        await using var host = await ApiHost.StartAsync(options.Concurrency);
        var freelancers = Enumerable.Range(0, Math.Min(count, MaxFreelancers)).Select(i => $"f{i:D5}").ToArray();
        var freelancerTokens = freelancers.Select(user => host.Token(user, "freelancer")).ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, freelancers.Length),
            new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
            async (i, _) => await host.PutProfileAsync(freelancerTokens[i], freelancers[i]));

        var sent = new long[count];
        var received = new long[count];
        var duplicates = 0;
        var jobs = new string[count];
        var connections = new HubConnection[count];
        var connectStart = Stopwatch.GetTimestamp();
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
                async (i, cancellation) =>
                {
                    var token = host.Token($"c{i:D5}", "client");
                    var hub = AlertsHubConnection.Build(host.BaseAddress, token);
                    hub.On<AlertMessage>(nameof(IAlertsClient.Alert), alert =>
                    {
                        var now = Stopwatch.GetTimestamp();
                        if (alert.Kind == "ApplicationReceived" && Interlocked.CompareExchange(ref received[i], now, 0) != 0)
                        {
                            Interlocked.Increment(ref duplicates);
                        }
                    });
                    connections[i] = hub;
                    await hub.StartAsync(cancellation);
                    // What a front end does on connecting; it also returns only once the hub has registered this
                    // connection with the user's alerts grain, so no alert of the run can go to the push outbox.
                    await hub.InvokeAsync<long>("Resume", 0L, cancellation);
                    jobs[i] = await host.PostJobAsync(token);
                });
            var connectSeconds = Stopwatch.GetElapsedTime(connectStart).TotalSeconds;

            var matchingStart = Stopwatch.GetTimestamp();
            var matched = 0;
            var matchingDeadline = matchingStart + (long)(MatchingWait.TotalSeconds * Stopwatch.Frequency);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
                async (i, _) =>
                {
                    var token = host.Token($"c{i:D5}", "client");
                    while (Stopwatch.GetTimestamp() < matchingDeadline)
                    {
                        if (await host.HasMatchesAsync(token, jobs[i]))
                        {
                            Interlocked.Increment(ref matched);
                            return;
                        }

                        await Task.Delay(MatchingPoll);
                    }
                });

            var matchingSeconds = Stopwatch.GetElapsedTime(matchingStart).TotalSeconds;

            var errors = 0;
            var triggerStart = Stopwatch.GetTimestamp();

            // Open loop at --rate: application i is due at start + i / rate and its latency counts from then, so a
            // backlog shows as latency; the alerts measure delivery at a steady load, not how fast a burst drains.
            async Task ApplyAsync(int i, long due)
            {
                var request = ApiHost.Request(
                    HttpMethod.Post, $"/api/jobs/{jobs[i]}/applications", freelancerTokens[i % freelancerTokens.Length], JsonContent.Create(new { coverNote = "I bake." }));
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                sent[i] = due;
                try
                {
                    using var response = await host.Http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        sent[i] = 0;
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
                {
                    sent[i] = 0;
                    Interlocked.Increment(ref errors);
                }
            }

            await OpenLoop.RunAsync(count, options.Rate, triggerStart, ApplyAsync);

            var expected = sent.Count(time => time != 0);
            var deadline = Stopwatch.GetTimestamp() + (long)(StragglerWait.TotalSeconds * Stopwatch.Frequency);
            while (Received() < expected && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20);
            }

            int Received() => Enumerable.Range(0, count).Count(i => sent[i] != 0 && Volatile.Read(ref received[i]) != 0);

            var delivered = Enumerable.Range(0, count).Where(i => sent[i] != 0 && Volatile.Read(ref received[i]) != 0).ToArray();
            var latencies = delivered.Select(i => (received[i] - sent[i]) * 1_000.0 / Stopwatch.Frequency).Order().ToArray();
            var lastReceipt = delivered.Length == 0 ? Stopwatch.GetTimestamp() : delivered.Max(i => received[i]);
            var seconds = Stopwatch.GetElapsedTime(triggerStart, lastReceipt).TotalSeconds;
            var (p50, p95, p99) = (ApiScenario.Percentile(latencies, 0.50), ApiScenario.Percentile(latencies, 0.95), ApiScenario.Percentile(latencies, 0.99));

            var result = new BenchResult(options.Scenario, delivered.Length, seconds, p50 * 1_000, p99 * 1_000, options.Concurrency);
            result.Extra["connections"] = count;
            result.Extra["connect_seconds"] = Math.Round(connectSeconds, 3);
            result.Extra["matching_seconds"] = Math.Round(matchingSeconds, 3);
            result.Extra["matched_jobs"] = matched;
            result.Extra["expected"] = expected;
            result.Extra["received"] = delivered.Length;
            result.Extra["lost"] = expected - delivered.Length;
            result.Extra["duplicates"] = Volatile.Read(ref duplicates);
            result.Extra["errors"] = errors;
            result.Extra["p50_ms"] = Math.Round(p50, 3);
            result.Extra["p95_ms"] = Math.Round(p95, 3);
            result.Extra["p99_ms"] = Math.Round(p99, 3);
            return result;
        }
        finally
        {
            await Parallel.ForEachAsync(
                connections.Where(hub => hub is not null),
                new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
                async (hub, _) => await hub.DisposeAsync());
        }
    }
}
