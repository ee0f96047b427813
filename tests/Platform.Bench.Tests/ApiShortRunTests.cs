using System.Text.Json;

namespace Platform.Bench.Tests;

/// <summary>The api and alerts scenarios run briefly against one silo process and the API on Kestrel in the test process.</summary>
public sealed class ApiShortRunTests
{
    [Fact]
    public async Task A_short_api_run_prints_a_read_a_write_and_a_read_max_line_without_errors()
    {
        var lines = await Scenarios.RunLinesAsync(new BenchOptions("api", 1, 8, 5, Rate: 50));

        lines.Select(line => line.Labels["endpoint"]).ShouldBe(["read", "write", "read-max"]);
        foreach (var line in lines)
        {
            var json = JsonDocument.Parse(line.ToJson()).RootElement;
            foreach (var field in new[] { "scenario", "endpoint", "ops", "seconds", "ops_per_sec", "p50_us", "p99_us", "req_per_sec", "p50_ms", "p95_ms", "p99_ms", "errors" })
            {
                json.TryGetProperty(field, out _).ShouldBeTrue(field);
            }

            json.GetProperty("scenario").GetString().ShouldBe("api");
            json.GetProperty("errors").GetDouble().ShouldBe(0, line.Labels["endpoint"]);
            line.Ops.ShouldBeGreaterThan(0);
            line.Extra["p99_ms"].ShouldBeGreaterThanOrEqualTo(line.Extra["p50_ms"]);
        }

        // Open loop: every request offered in the second is sent, whatever the answers' speed.
        lines[0].Extra["offered_per_sec"].ShouldBe(50);
        lines[0].Ops.ShouldBe(50);
        lines[1].Ops.ShouldBe(50);
        lines[2].Extra.ContainsKey("offered_per_sec").ShouldBeFalse();
    }

    [Fact]
    public async Task A_short_alerts_run_delivers_every_alert_to_its_users_connection()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("alerts", 1, 4, 5));

        var json = JsonDocument.Parse(result.ToJson()).RootElement;
        foreach (var field in new[] { "scenario", "ops", "seconds", "ops_per_sec", "p50_us", "p99_us", "p50_ms", "p99_ms", "lost", "errors" })
        {
            json.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        result.Extra["expected"].ShouldBe(5);
        result.Extra["received"].ShouldBe(5);
        result.Extra["lost"].ShouldBe(0);
        result.Extra["duplicates"].ShouldBe(0);
        result.Extra["errors"].ShouldBe(0);
        result.Ops.ShouldBe(5);
    }
}
