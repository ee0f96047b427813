namespace Platform.Bench;

public static class Scenarios
{
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
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Scenario, "unknown scenario"),
    };
}
