namespace Platform.Bench;

public static class Scenarios
{
    /// <summary>Every line a scenario prints: one for most, one per measured phase for <c>api</c>, one per fault and a summary for <c>chaos</c>, one per part for <c>capacity</c>.</summary>
    public static async Task<IReadOnlyList<BenchResult>> RunLinesAsync(BenchOptions options) => options.Scenario switch
    {
        "api" => await ApiScenario.RunAsync(options),
        "chaos" => await ChaosScenario.RunAsync(options),
        "capacity" => await CapacityScenario.RunAsync(options),
        _ => [await RunAsync(options)],
    };

    public static Task<BenchResult> RunAsync(BenchOptions options) => options.Scenario switch
    {
        "local-call" => LocalScenarios.LocalCallAsync(options, SiloFeatures.Platform),
        "local-call-bare" => LocalScenarios.LocalCallAsync(options, SiloFeatures.None),
        "local-call-traced" => LocalScenarios.LocalCallAsync(options, SiloFeatures.OrleansTracing),
        "local-baseline" => LocalScenarios.LocalBaselineAsync(options),
        "activation" => LocalScenarios.ActivationAsync(options),
        "remote-baseline" => RemoteBaseline.RunAsync(options),
        "remote-call" => RemoteCallScenario.RunAsync(options),
        "failover" => FailoverScenario.RunAsync(options),
        "rolling-restart" => RollingRestartScenario.RunAsync(options),
        "rebalance" => RebalanceScenario.RunAsync(options),
        "escrow" => EscrowScenario.RunAsync(options),
        "matching" => MatchingScenario.RunAsync(options),
        "alerts" => AlertsScenario.RunAsync(options),
        "api" or "chaos" or "capacity" => throw new ArgumentException($"the {options.Scenario} scenario reports several lines: use RunLinesAsync", nameof(options)),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Scenario, "unknown scenario"),
    };
}
