using Platform.Orleans.Deadlocks;
using Platform.Orleans.Resilience;
using Platform.Orleans.Supervision;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Hosting;

/// <summary>One entry per host kind that switches on everything the platform adds to Orleans.</summary>
public static class PlatformExtensionsBuilderExtensions
{
    public static ISiloBuilder AddPlatformExtensions(this ISiloBuilder builder) => builder
        .AddPlatformSupervision()
        .AddPlatformDeadlockDetection()
        .AddPlatformGrainMethodMetrics()
        .AddPlatformCallRetry()
        .UsePlatformFailureDetection()
        .AddPlatformRebalancing();

    public static IClientBuilder AddPlatformExtensions(this IClientBuilder builder) => builder
        .AddPlatformGrainCallTracing()
        .AddPlatformDeadlockDetection()
        .AddPlatformCallRetry()
        .UsePlatformFailureDetection();
}
