namespace Platform.Bench.Tests;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Defaults_follow_the_benchmark_contract()
    {
        var options = BenchOptions.Parse(["local-call"]);

        options.ShouldBe(new BenchOptions("local-call", 5, 64, 1_000_000));
    }

    [Fact]
    public void The_remote_baseline_keeps_256_calls_in_flight_by_default()
    {
        BenchOptions.Parse(["remote-baseline"]).ShouldBe(new BenchOptions("remote-baseline", 5, 256, 1_000_000));
        BenchOptions.Parse(["remote-baseline", "--concurrency", "8"]).Concurrency.ShouldBe(8);
    }

    [Fact]
    public void Options_override_the_defaults()
    {
        BenchOptions.Parse(["activation", "--count", "1000", "--concurrency", "8", "--duration", "2.5"])
            .ShouldBe(new BenchOptions("activation", 2.5, 8, 1000));
    }

    [Theory]
    [InlineData(new string[0], "missing SCENARIO; expected one of: local-call, local-baseline, activation, remote-baseline, remote-call, failover, rolling-restart, rebalance")]
    [InlineData(new[] { "remote" }, "unknown scenario 'remote'; expected one of: local-call, local-baseline, activation, remote-baseline, remote-call, failover, rolling-restart, rebalance")]
    [InlineData(new[] { "local-call", "--duration" }, "option --duration needs a value")]
    [InlineData(new[] { "local-call", "--duration", "-1" }, "--duration must be a positive number of seconds; got '-1'")]
    [InlineData(new[] { "local-call", "--duration", "NaN" }, "--duration must be a positive number of seconds; got 'NaN'")]
    [InlineData(new[] { "local-call", "--count", "1e6" }, "--count must be a positive whole number; got '1e6'")]
    [InlineData(new[] { "local-call", "--concurrency", "0" }, "--concurrency must be a positive whole number; got '0'")]
    [InlineData(new[] { "local-call", "--threads", "2" }, "unknown option '--threads'; expected --duration, --concurrency or --count")]
    public void Malformed_arguments_are_rejected_with_a_precise_message(string[] args, string message)
    {
        Should.Throw<FormatException>(() => BenchOptions.Parse(args)).Message.ShouldBe(message);
    }

    [Fact]
    public async Task A_short_local_call_run_reports_every_contract_field()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("local-call", 0.2, 4, 1));

        result.Ops.ShouldBeGreaterThan(0);
        var json = System.Text.Json.JsonDocument.Parse(result.ToJson()).RootElement;
        foreach (var field in new[] { "scenario", "ops", "seconds", "ops_per_sec", "p50_us", "p99_us" })
        {
            json.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        json.GetProperty("scenario").GetString().ShouldBe("local-call");
    }

    [Fact]
    public async Task A_short_remote_baseline_run_talks_to_a_second_process()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("remote-baseline", 0.2, 16, 1));

        result.Scenario.ShouldBe("remote-baseline");
        result.Ops.ShouldBeGreaterThan(0);
        result.Concurrency.ShouldBe(16);
    }

    [Fact]
    public async Task A_short_remote_call_run_calls_grains_on_a_silo_in_a_second_process()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("remote-call", 0.3, 8, 8));

        result.Scenario.ShouldBe("remote-call");
        result.Ops.ShouldBeGreaterThan(0);
        result.Concurrency.ShouldBe(8);
    }

    [Fact]
    public async Task A_short_rolling_restart_of_three_silo_processes_fails_no_call_and_runs_none_twice()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("rolling-restart", 4, 8, 40));

        result.Ops.ShouldBeGreaterThan(0);
        result.Extra["restarts"].ShouldBe(3);
        result.Extra["failed_calls"].ShouldBe(0);
        result.Extra["duplicate_executions"].ShouldBe(0);
        result.Extra["lost_writes"].ShouldBe(0);
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

    [Fact]
    public void Remote_scenarios_have_their_own_defaults()
    {
        BenchOptions.Parse(["remote-call"]).ShouldBe(new BenchOptions("remote-call", 5, 256, 256));
        BenchOptions.Parse(["failover"]).ShouldBe(new BenchOptions("failover", 20, 64, 300));
        BenchOptions.Parse(["rolling-restart"]).ShouldBe(new BenchOptions("rolling-restart", 20, 64, 300));
        BenchOptions.Parse(["rebalance"]).ShouldBe(new BenchOptions("rebalance", 5, 256, 100_000));
    }

    [Fact]
    public async Task The_activation_scenario_activates_exactly_count_grains()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("activation", 1, 4, 500));

        result.Ops.ShouldBe(500);
        result.Extra["activations"].ShouldBe(500);
        result.Extra["bytes_per_activation"].ShouldBeGreaterThan(0);
    }
}
