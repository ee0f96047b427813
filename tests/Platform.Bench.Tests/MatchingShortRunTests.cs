namespace Platform.Bench.Tests;

/// <summary>The matching scenario on a small table: it loads, queries every selectivity class and reports its fields.</summary>
public sealed class MatchingShortRunTests : IClassFixture<BenchPostgres>
{
    [Fact]
    public async Task A_short_matching_run_reports_latency_recall_and_ingest_for_every_selectivity()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("matching", 1, 2, 2_000));

        result.Scenario.ShouldBe("matching");
        result.Ops.ShouldBe(400);
        result.Concurrency.ShouldBe(2);
        result.Extra["freelancers"].ShouldBe(2_000);
        result.Extra["ingest_per_sec"].ShouldBeGreaterThan(0);
        result.Extra["p95_ms"].ShouldBeGreaterThanOrEqualTo(result.Extra["p50_ms"]);
        result.Extra["recall_at_20"].ShouldBeInRange(0.9, 1.0);

        // The classes go from most of the table to a handful of rows.
        result.Extra["selectivity_broad"].ShouldBeGreaterThan(result.Extra["selectivity_generic"]);
        result.Extra["selectivity_generic"].ShouldBeGreaterThan(result.Extra["selectivity_trade"]);
        result.Extra["selectivity_trade"].ShouldBeGreaterThan(result.Extra["selectivity_local"]);
    }
}
