using System.Diagnostics;
using System.Net.Http.Json;

namespace Platform.Bench;

/// <summary>
/// The HTTP API under load: <c>--count</c> freelancers of one tenant (each with a profile) and one open job, then reads
/// and writes offered at a fixed rate (open loop: a request's latency counts from the time it was due, so a server that
/// falls behind shows its queue), then reads in closed loops for the saturation throughput. One result per phase.
/// </summary>
internal static class ApiScenario
{
    private const int SeedParallelism = 32;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        await using var host = await ApiHost.StartAsync(options.Concurrency);
        var users = Enumerable.Range(0, options.Count).Select(i => $"f{i:D5}").ToArray();
        var tokens = users.Select(user => host.Token(user, "freelancer")).ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, users.Length),
            new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
            async (i, _) => await host.PutProfileAsync(tokens[i], users[i]));
        var jobId = await host.PostJobAsync(host.Token("c00000", "client"));

        // Reads: half a freelancer's own profile, half the open job as that freelancer sees it.
        HttpRequestMessage Read(long n) => (n & 1) == 0
            ? ApiHost.Request(HttpMethod.Get, "/api/freelancers/me", tokens[(n >> 1) % tokens.Length])
            : ApiHost.Request(HttpMethod.Get, $"/api/jobs/{jobId}", tokens[(n >> 1) % tokens.Length]);

        // Writes: a freelancer's profile with a new headline.
        HttpRequestMessage Write(long n)
        {
            var user = (int)(n % users.Length);
            return ApiHost.Request(HttpMethod.Put, "/api/freelancers/me", tokens[user], JsonContent.Create(ApiHost.Profile(users[user], n)));
        }

        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        // Long enough for tiered JIT to reach the hot paths of Kestrel, the API and the Orleans client.
        var warmUp = TimeSpan.FromSeconds(Math.Min(5, options.DurationSeconds));
        var revision = 0L;
        // Every kind of request is warmed up before any is measured: the first measured phase must not pay for the
        // JIT and the connection pool of the others.
        await OpenLoopAsync(host.Http, Read, options.Rate, warmUp, 0);
        await OpenLoopAsync(host.Http, Write, options.Rate, warmUp, revision += 1_000_000_000);
        await ClosedLoopAsync(host.Http, Read, options.Concurrency, warmUp);
        var read = await OpenLoopAsync(host.Http, Read, options.Rate, duration, 0);
        var write = await OpenLoopAsync(host.Http, Write, options.Rate, duration, revision += 1_000_000_000);
        var readMax = await ClosedLoopAsync(host.Http, Read, options.Concurrency, duration);
        return
        [
            read.ToResult(options, "read", options.Rate),
            write.ToResult(options, "write", options.Rate),
            readMax.ToResult(options, "read-max", offered: null),
        ];
    }

    /// <summary>
    /// Sends request <c>i</c> at <c>start + i / rate</c> whether or not earlier ones were answered, for
    /// <paramref name="duration"/>; then waits for every answer. Latency is from the due time to the whole response.
    /// </summary>
    private static async Task<Phase> OpenLoopAsync(HttpClient http, Func<long, HttpRequestMessage> request, int rate, TimeSpan duration, long first)
    {
        var total = (int)Math.Max(1, Math.Round(rate * duration.TotalSeconds));
        var latencies = new double[total];
        var ok = new bool[total];
        var lastDone = 0L;
        var start = Stopwatch.GetTimestamp();

        async Task SendAsync(int i, long due)
        {
            try
            {
                using var response = await http.SendAsync(request(first + i), HttpCompletionOption.ResponseContentRead);
                ok[i] = response.IsSuccessStatusCode;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                ok[i] = false;
            }

            var done = Stopwatch.GetTimestamp();
            latencies[i] = Milliseconds(done - due);
            InterlockedMax(ref lastDone, done);
        }

        await OpenLoop.RunAsync(total, rate, start, SendAsync);
        return new Phase(latencies, ok.Count(success => success), ok.Count(success => !success), Stopwatch.GetElapsedTime(start, Volatile.Read(ref lastDone)).TotalSeconds);
    }

    /// <summary><paramref name="loops"/> loops that each send the next request when the previous was answered.</summary>
    private static async Task<Phase> ClosedLoopAsync(HttpClient http, Func<long, HttpRequestMessage> request, int loops, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var (succeeded, failed) = (0, 0);
            for (long n = loop; ; n += loops)
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request(n), HttpCompletionOption.ResponseContentRead);
                    if (response.IsSuccessStatusCode)
                    {
                        succeeded++;
                    }
                    else
                    {
                        failed++;
                    }
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
                {
                    failed++;
                }

                var end = Stopwatch.GetTimestamp();
                latencies.Add(Milliseconds(end - begin));
                if (end >= stop)
                {
                    return (latencies, succeeded, failed);
                }
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Phase([.. results.SelectMany(result => result.latencies)], results.Sum(result => result.succeeded), results.Sum(result => result.failed), seconds);
    }

    private static double Milliseconds(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <param name="Latencies">Of every request, answered or failed, in milliseconds.</param>
    /// <param name="Seconds">From the first request until the last answer.</param>
    private sealed record Phase(double[] Latencies, int Succeeded, int Errors, double Seconds)
    {
        public BenchResult ToResult(BenchOptions options, string endpoint, int? offered)
        {
            var sorted = Latencies.Order().ToArray();
            var (p50, p95, p99) = (Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99));
            var result = new BenchResult(options.Scenario, Succeeded, Seconds, p50 * 1_000, p99 * 1_000, options.Concurrency);
            result.Labels["endpoint"] = endpoint;
            if (offered is { } rate)
            {
                result.Extra["offered_per_sec"] = rate;
            }

            result.Extra["req_per_sec"] = Math.Round(Succeeded / Seconds, 1);
            result.Extra["p50_ms"] = Math.Round(p50, 3);
            result.Extra["p95_ms"] = Math.Round(p95, 3);
            result.Extra["p99_ms"] = Math.Round(p99, 3);
            result.Extra["errors"] = Errors;
            result.Extra["users"] = options.Count;
            return result;
        }
    }

    /// <summary>The nearest-rank percentile of sorted values (0 when there are none).</summary>
    internal static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
