namespace Platform.Bench.Tests;

/// <summary>Each scenario run briefly: it runs end to end and reports its fields. Speed is measured by scripts/bench.sh, not here.</summary>
public sealed class ShortRunTests : IClassFixture<BenchPostgres>
{
    [Theory]
    [InlineData("local-call")]
    [InlineData("local-call-bare")]
    [InlineData("local-call-traced")]
    [InlineData("local-baseline")]
    public async Task A_short_local_run_reports_calls(string scenario)
    {
        var result = await Scenarios.RunAsync(new BenchOptions(scenario, 0.2, 4, 1));

        result.Scenario.ShouldBe(scenario);
        result.Ops.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("local-call")]
    [InlineData("local-call-bare")]
    [InlineData("local-call-traced")]
    public async Task A_grain_call_run_reports_its_cost_per_call(string scenario)
    {
        var result = await Scenarios.RunAsync(new BenchOptions(scenario, 0.2, 4, 1));

        result.Extra["cpu_us_per_call"].ShouldBeGreaterThan(0);
        // An Orleans grain call allocates its message, invoker and response: about a kilobyte.
        result.Extra["bytes_per_call"].ShouldBeInRange(200, 20_000);
        result.Extra["cpu_utilization"].ShouldBeInRange(0.0, 1.5);
    }

    [Fact]
    public async Task The_activation_scenario_activates_exactly_count_grains()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("activation", 1, 4, 500));

        result.Ops.ShouldBe(500);
        result.Extra["activations"].ShouldBe(500);
        result.Extra["bytes_per_activation"].ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_short_remote_baseline_run_talks_to_a_second_process()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("remote-baseline", 0.2, 16, 1));

        result.Ops.ShouldBeGreaterThan(0);
        result.Concurrency.ShouldBe(16);
    }

    [Fact]
    public async Task A_short_remote_call_run_calls_grains_on_a_silo_process()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("remote-call", 0.3, 8, 8));

        result.Ops.ShouldBeGreaterThan(0);
        result.Concurrency.ShouldBe(8);
    }

    [Fact]
    public async Task A_short_rolling_restart_of_three_silo_processes_fails_no_call_and_runs_none_twice()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("rolling-restart", 4, 8, 40));

        result.Ops.ShouldBeGreaterThan(0);
        result.Extra["restarts"].ShouldBe(3);
        result.Extra["unclean_exits"].ShouldBe(0);
        result.Extra["failed_calls"].ShouldBe(0);
        result.Extra["duplicate_executions"].ShouldBe(0);
        result.Extra["lost_writes"].ShouldBe(0);
    }

    [Fact]
    public async Task A_short_failover_loses_no_acknowledged_write_and_recovers()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("failover", 12, 8, 40));

        result.Extra["lost_writes"].ShouldBe(0);
        result.Extra["recovery_s"].ShouldBeGreaterThanOrEqualTo(0, "every grain answered again before the run ended");
    }

    [Fact]
    public async Task A_small_rebalance_spreads_activations_over_the_silos_that_joined()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("rebalance", 1, 32, 3_000));

        result.Extra["seconds_to_balance"].ShouldBeGreaterThanOrEqualTo(0, "the activations became even within the time limit");
        foreach (var silo in new[] { "a", "b", "c" })
        {
            result.Extra[$"activations_{silo}"].ShouldBeInRange(800, 1_200);
        }
    }
}
