using System.Text.Json;

namespace Platform.Bench.Tests;

/// <summary>
/// The capacity scenario at test size (--quick): every part runs end to end on a silo process, an API process and a
/// database of its own, and prints the line docs/capacity.md reads. Speed is measured by scripts/bench.sh, not here.
/// </summary>
public sealed class CapacityShortRunTests : IClassFixture<BenchPostgres>
{
    [Fact]
    public async Task A_quick_capacity_run_prints_one_line_per_part_with_positive_figures()
    {
        var lines = await Scenarios.RunLinesAsync(BenchOptions.Parse(["capacity", "--quick"]));

        lines.Select(line => line.Labels["part"]).ShouldBe(BenchOptions.CapacityParts);
        foreach (var line in lines)
        {
            var part = line.Labels["part"];
            var json = JsonDocument.Parse(line.ToJson()).RootElement;
            json.GetProperty("scenario").GetString().ShouldBe("capacity");
            json.GetProperty("part").GetString().ShouldBe(part);
            foreach (var field in new[] { "per_second", "p50_ms", "p99_ms", "concurrency", "cpu_cores", "load_average_1m" })
            {
                json.GetProperty(field).GetDouble().ShouldBeGreaterThan(0, $"{part}: {field}");
            }

            line.Extra["p99_ms"].ShouldBeGreaterThanOrEqualTo(line.Extra["p50_ms"], part);
        }

        var byPart = lines.ToDictionary(line => line.Labels["part"]);
        byPart["journal_appends"].Extra["one_stream_per_second"].ShouldBeGreaterThan(0);
        byPart["journal_appends"].Extra["postgres_cpu_us_per_op"].ShouldBeGreaterThan(0);
        byPart["matching_queries"].Extra["corpus"].ShouldBe(1_000);
        byPart["matching_queries"].Extra["per_postgres_core_per_second"].ShouldBeGreaterThan(0);
        byPart["grain_state_writes"].Extra["per_silo_core_per_second"].ShouldBeGreaterThan(0);
        byPart["grain_state_writes"].Extra["postgres_connections"].ShouldBeGreaterThan(0);
        byPart["matching_jobs"].Extra["across_tenants_per_second"].ShouldBeGreaterThan(0);
        byPart["matching_jobs"].Extra["candidates_per_job"].ShouldBe(20, "every freelancer of a job's city passes its filters");
        byPart["silo_calls"].Extra["per_silo_core_per_second"].ShouldBeGreaterThan(0);
        byPart["api_requests"].Extra["per_api_core_per_second"].ShouldBeGreaterThan(0);
        byPart["signalr_connections"].Extra["connections"].ShouldBe(20);
        byPart["signalr_connections"].Extra["connect_errors"].ShouldBe(0);
        byPart["signalr_connections"].Extra["api_cpu_cores_held"].ShouldBeGreaterThan(0);
        foreach (var ramped in new[] { "journal_appends", "matching_queries", "grain_state_writes", "silo_calls", "api_requests" })
        {
            byPart[ramped].Extra["errors"].ShouldBe(0, ramped);
            byPart[ramped].Labels["ramp"].ShouldStartWith("1:", Case.Sensitive, ramped);
        }
    }

    [Fact]
    public async Task Chosen_parts_alone_are_measured_in_the_scenarios_order()
    {
        // Parts of the database alone: no silo or API process is started for them.
        var lines = await Scenarios.RunLinesAsync(BenchOptions.Parse(["capacity", "--quick", "--parts", "matching_queries,journal_appends"]));

        // In the scenario's order, whatever the order given.
        lines.Select(line => line.Labels["part"]).ShouldBe(["journal_appends", "matching_queries"]);
    }
}
