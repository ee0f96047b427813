using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Platform.Silo.Tests;

/// <summary>The silo executable's HTTP listener: the probes (with the reason when not ready) and the Prometheus scrape.</summary>
public sealed class SiloHttpTests
{
    [Fact]
    public async Task A_joined_silo_on_a_migrated_database_is_ready_and_names_each_check()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(
            ["--port", "0", "--gateway-port", "0", "--cluster-id", "http-ready", "--storage", "postgres", "--postgres", database.ConnectionString]);
        using var http = new HttpClient { BaseAddress = silo.Http.ShouldNotBeNull() };

        var ready = await http.GetAsync("/health/ready");
        var checks = await ChecksAsync(ready);

        ready.StatusCode.ShouldBe(HttpStatusCode.OK, string.Join("; ", checks.Values));
        checks.Keys.ShouldBe(["membership", "postgresql", "schema"], ignoreOrder: true);
        checks["membership"].ShouldStartWith("Healthy: silo ");
        checks["membership"].ShouldContain("is Active in the cluster");
        checks["postgresql"].ShouldStartWith("Healthy: PostgreSQL at 127.0.0.1:55432/");
        checks["schema"].ShouldStartWith("Healthy: schema at version ");
        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_silo_serves_Orleans_and_platform_metrics_for_Prometheus()
    {
        await using var silo = await SiloProcess.StartAsync(["--port", "0", "--gateway-port", "0"]);
        using var http = new HttpClient { BaseAddress = silo.Http.ShouldNotBeNull() };

        var metrics = await http.GetStringAsync("/metrics");

        metrics.ShouldContain("# TYPE ");
        metrics.ShouldContain("orleans_");
        metrics.ShouldContain("dotnet_gc_");
    }

    [Fact]
    public async Task A_silo_whose_database_does_not_answer_serves_its_probes_and_says_why_it_is_not_ready()
    {
        // Accepts connections and never answers: the silo's migration waits, as on a database behind a dead network.
        using var silentDatabase = new TcpListener(IPAddress.Loopback, 0);
        silentDatabase.Start();
        var held = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silentDatabase.AcceptSocketAsync());
            }
        });
        var databasePort = ((IPEndPoint)silentDatabase.LocalEndpoint).Port;
        var httpPort = FreePort.Pick(IPAddress.Loopback);
        using var process = Process.Start(SiloProcess.CreateStartInfo(
            ["--port", "0", "--gateway-port", "0", "--http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--storage", "postgres",
                "--postgres", $"Host=127.0.0.1;Port={databasePort};Username=postgres;Database=platform;Timeout=120"]))!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };

            var ready = await AnswerAsync(http, "/health/ready", process);
            var checks = await ChecksAsync(ready);

            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            checks["postgresql"].ShouldStartWith($"Unhealthy: PostgreSQL at 127.0.0.1:{databasePort}/platform is unreachable: ");
            checks["schema"].ShouldBe("Unhealthy: cannot read the schema version: no answer within 2 s");
            checks["membership"].ShouldMatch("^Unhealthy: silo .+ has not joined the cluster: its membership status is (None|Created|Joining)$");
            (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            silentDatabase.Stop();
            held.ForEach(socket => socket.Dispose());
        }
    }

    /// <summary>Each check's name and "Status: description", as the probe's JSON body gives them.</summary>
    private static async Task<Dictionary<string, string>> ChecksAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            check => check.GetProperty("name").GetString()!,
            check => $"{check.GetProperty("status").GetString()}: {check.GetProperty("description").GetString()}");
    }

    /// <summary>The first answer of a listener still starting; fails at once if the silo exits.</summary>
    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient http, string path, Process silo)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            silo.HasExited.ShouldBeFalse($"the silo exited with {(silo.HasExited ? silo.ExitCode : 0)}");
            try
            {
                return await http.GetAsync(path);
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }
}
