using Orleans.Configuration;

namespace Platform.Orleans.Resilience;

/// <summary>The option values behind <see cref="RebalancingBuilderExtensions"/>; why each: docs/decisions/0005.</summary>
internal static class RebalancingTiming
{
    public static void ApplyToRebalancer(ActivationRebalancerOptions options)
    {
        // First session soon after start (Orleans waits a minute), then a cycle every few seconds (Orleans: 15 s); the
        // cycle must exceed twice the period at which silos publish their activation counts (DeploymentLoadPublisher,
        // 1 s by default) so that each cycle sees the previous one's moves.
        options.RebalancerDueTime = TimeSpan.FromSeconds(5);
        options.SessionCyclePeriod = TimeSpan.FromSeconds(3);

        // Moves a larger share of the imbalance per cycle than Orleans' 0.1, so a scale-out evens out in a few cycles.
        options.CycleNumberWeight = 0.5;
    }
}
