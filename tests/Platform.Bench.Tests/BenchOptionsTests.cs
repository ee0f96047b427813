namespace Platform.Bench.Tests;

public sealed class BenchOptionsTests
{
    private const string ScenarioList =
        "local-call, local-call-bare, local-call-traced, local-baseline, activation, remote-baseline, remote-call, failover, rolling-restart, rebalance, escrow, matching, api, alerts, chaos, capacity";

    [Fact]
    public void Defaults_follow_the_benchmark_contract()
    {
        BenchOptions.Parse(["local-call"]).ShouldBe(new BenchOptions("local-call", 5, 64, 1_000_000));
        BenchOptions.Parse(["local-call-bare"]).ShouldBe(new BenchOptions("local-call-bare", 5, 64, 1_000_000));
        BenchOptions.Parse(["activation"]).ShouldBe(new BenchOptions("activation", 5, 64, 300_000));
    }

    [Fact]
    public void Remote_and_cluster_scenarios_have_their_own_defaults()
    {
        BenchOptions.Parse(["remote-baseline"]).ShouldBe(new BenchOptions("remote-baseline", 5, 256, 1_000_000));
        BenchOptions.Parse(["remote-call"]).ShouldBe(new BenchOptions("remote-call", 5, 256, 256));
        BenchOptions.Parse(["failover"]).ShouldBe(new BenchOptions("failover", 20, 64, 300));
        BenchOptions.Parse(["rolling-restart"]).ShouldBe(new BenchOptions("rolling-restart", 20, 64, 300));
        BenchOptions.Parse(["rebalance"]).ShouldBe(new BenchOptions("rebalance", 5, 256, 100_000));
        BenchOptions.Parse(["escrow"]).ShouldBe(new BenchOptions("escrow", 30, 100, 1_000));
        BenchOptions.Parse(["matching"]).ShouldBe(new BenchOptions("matching", 5, 1, 100_000));
        BenchOptions.Parse(["api"]).ShouldBe(new BenchOptions("api", 10, 200, 200, 2_000));
        BenchOptions.Parse(["alerts"]).ShouldBe(new BenchOptions("alerts", 10, 200, 2_000, 200));
        BenchOptions.Parse(["chaos"]).ShouldBe(new BenchOptions("chaos", 5, 32, 32, Faults: "zone,pause,postgres,roll"));
    }

    [Fact]
    public void The_chaos_faults_are_an_ordered_option()
    {
        BenchOptions.Parse(["chaos", "--faults", "postgres,zone", "--duration", "2"])
            .ShouldBe(new BenchOptions("chaos", 2, 32, 32, Faults: "postgres,zone"));
    }

    [Fact]
    public void Capacity_measures_every_part_by_default_and_quick_is_its_test_size()
    {
        BenchOptions.Parse(["capacity"]).ShouldBe(new BenchOptions("capacity", 3, 5_000, 20_000));
        BenchOptions.Parse(["capacity"]).Parts.Split(',').ShouldBe(BenchOptions.CapacityParts);
        BenchOptions.Parse(["capacity", "--quick"]).ShouldBe(new BenchOptions("capacity", 0.5, 20, 1_000, Quick: true));
        // Sizes given beside --quick win, before or after it.
        BenchOptions.Parse(["capacity", "--concurrency", "50", "--quick", "--parts", "signalr_connections"])
            .ShouldBe(new BenchOptions("capacity", 0.5, 50, 1_000, Parts: "signalr_connections", Quick: true));
    }

    [Fact]
    public void The_offered_rate_is_an_option()
    {
        BenchOptions.Parse(["api", "--rate", "500", "--duration", "3"]).ShouldBe(new BenchOptions("api", 3, 200, 200, 500));
    }

    [Fact]
    public void Options_override_the_defaults()
    {
        BenchOptions.Parse(["activation", "--count", "1000", "--concurrency", "8", "--duration", "2.5"])
            .ShouldBe(new BenchOptions("activation", 2.5, 8, 1000));
    }

    [Theory]
    [InlineData(new string[0], "missing SCENARIO; expected one of: " + ScenarioList)]
    [InlineData(new[] { "remote" }, "unknown scenario 'remote'; expected one of: " + ScenarioList)]
    [InlineData(new[] { "local-call", "--duration" }, "option --duration needs a value")]
    [InlineData(new[] { "local-call", "--duration", "-1" }, "--duration must be a positive number of seconds; got '-1'")]
    [InlineData(new[] { "local-call", "--duration", "NaN" }, "--duration must be a positive number of seconds; got 'NaN'")]
    [InlineData(new[] { "local-call", "--count", "1e6" }, "--count must be a positive whole number; got '1e6'")]
    [InlineData(new[] { "local-call", "--concurrency", "0" }, "--concurrency must be a positive whole number; got '0'")]
    [InlineData(new[] { "api", "--rate", "0" }, "--rate must be a positive whole number; got '0'")]
    [InlineData(new[] { "api", "--rate", "-5" }, "--rate must be a positive whole number; got '-5'")]
    [InlineData(new[] { "api", "--rate", "2.5" }, "--rate must be a positive whole number; got '2.5'")]
    [InlineData(new[] { "api", "--rate", "fast" }, "--rate must be a positive whole number; got 'fast'")]
    [InlineData(new[] { "api", "--rate" }, "option --rate needs a value")]
    [InlineData(new[] { "local-call", "--threads", "2" }, "unknown option '--threads'; expected --duration, --concurrency, --count, --rate, --faults, --parts or --quick")]
    [InlineData(new[] { "chaos", "--faults", "zone,fire" }, "unknown fault 'fire' in --faults; expected a comma-separated list of zone, pause, postgres, roll")]
    [InlineData(new[] { "chaos", "--faults", "" }, "unknown fault '' in --faults; expected a comma-separated list of zone, pause, postgres, roll")]
    [InlineData(new[] { "chaos", "--faults", "zone,zone" }, "--faults names a fault twice: 'zone,zone'")]
    [InlineData(new[] { "failover", "--faults", "zone" }, "--faults applies only to the chaos scenario, not to failover")]
    [InlineData(new[] { "capacity", "--parts", "disk" }, "unknown part 'disk' in --parts; expected a comma-separated list of journal_appends, matching_queries, grain_state_writes, matching_jobs, silo_calls, api_requests, signalr_connections")]
    [InlineData(new[] { "capacity", "--parts", "silo_calls,silo_calls" }, "--parts names a part twice: 'silo_calls,silo_calls'")]
    [InlineData(new[] { "api", "--parts", "silo_calls" }, "--parts applies only to the capacity scenario, not to api")]
    [InlineData(new[] { "api", "--quick" }, "--quick applies only to the capacity scenario, not to api")]
    public void Malformed_arguments_are_rejected_with_a_precise_message(string[] args, string message)
    {
        Should.Throw<FormatException>(() => BenchOptions.Parse(args)).Message.ShouldBe(message);
    }

    [Fact]
    public void A_result_is_one_json_line_with_every_contract_field_and_the_scenario_s_own()
    {
        var result = new BenchResult("failover", 1000, 2, 10, 20, 64);
        result.Extra["recovery_s"] = 3.2;

        var line = result.ToJson();

        line.ShouldNotContain('\n');
        var json = System.Text.Json.JsonDocument.Parse(line).RootElement;
        foreach (var field in new[] { "scenario", "ops", "seconds", "ops_per_sec", "p50_us", "p99_us", "concurrency", "recovery_s" })
        {
            json.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        json.GetProperty("ops_per_sec").GetDouble().ShouldBe(500);
    }
}
