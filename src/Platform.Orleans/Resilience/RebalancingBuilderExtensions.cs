using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Moves activations to silos that join, with Orleans' activation rebalancer (experimental in 10.4.2, ORLEANSEXP002):
/// one silo at a time runs rebalancing sessions that migrate activations from the fullest silos to the emptiest until
/// the activation counts are even. Orleans' repartitioner (ORLEANSEXP001) is not used: it co-locates grains that call
/// each other, it does not even out counts after a scale-out. Timing and its cost: docs/decisions/0005.
/// </summary>
public static class RebalancingBuilderExtensions
{
    public static ISiloBuilder AddPlatformRebalancing(this ISiloBuilder builder)
    {
#pragma warning disable ORLEANSEXP002 // The rebalancer is experimental in Orleans 10.4.2; the platform accepts it (decision 0005).
        builder.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        builder.Services.Configure<ActivationRebalancerOptions>(RebalancingTiming.ApplyToRebalancer);
        return builder;
    }
}
