using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Membership and messaging timing that declares a killed silo dead within seconds, and bounds how long a client waits
/// for a reply that will never come; on silos also the <see cref="PauseFence"/>, so that a silo frozen past detection
/// serves no call when it wakes, and <see cref="ExpiredCalls"/>, so that no silo starts a client's call after
/// the client gave up on it. The figures, their cost and the measurements: docs/decisions/0005.
/// </summary>
public static class FailureDetectionBuilderExtensions
{
    public static ISiloBuilder UsePlatformFailureDetection(this ISiloBuilder builder)
    {
        builder.Services.Configure<ClusterMembershipOptions>(FailureDetectionTiming.ApplyToSilo);
        builder.Services.AddSingleton(services => new ExpiredCalls(
            services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<ILogger<ExpiredCalls>>()));
        builder.Services.AddSingleton<PauseFence>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<PauseFence>());
        PlatformCallFilters.AddIncomingFilter(builder.Services);
        return builder;
    }

    public static IClientBuilder UsePlatformFailureDetection(this IClientBuilder builder)
    {
        builder.Services.Configure<ClientMessagingOptions>(FailureDetectionTiming.ApplyToClient);
        builder.Services.Configure<GatewayOptions>(FailureDetectionTiming.ApplyToGateways);
        return builder;
    }
}
