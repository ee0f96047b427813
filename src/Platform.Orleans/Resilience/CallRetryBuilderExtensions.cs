using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Transparent re-sending of grain calls that certainly did not run (see <see cref="CallRetryPolicy"/>), on silos (calls
/// between grains) and on clients, plus, on silos, the stop sequence that leaves nothing ambiguous behind when a silo
/// leaves gracefully (see <see cref="GracefulLeaveOptions"/>).
/// </summary>
public static class CallRetryBuilderExtensions
{
    public static ISiloBuilder AddPlatformCallRetry(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton(services => new CallRetryPolicy(
            services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout,
            stampDeadlines: false,
            services.GetRequiredService<ILogger<CallRetryPolicy>>()));
        PlatformCallFilters.AddOutgoingStage(builder.Services, callersAreGrains: true);
        builder.Services.Configure<SiloMessagingOptions>(GracefulLeaveOptions.Apply);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, GracefulLeaveParticipant>();
        return builder;
    }

    public static IClientBuilder AddPlatformCallRetry(this IClientBuilder builder)
    {
        builder.Services.AddSingleton(services => new CallRetryPolicy(
            services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout,
            stampDeadlines: true,
            services.GetRequiredService<ILogger<CallRetryPolicy>>()));
        PlatformCallFilters.AddOutgoingStage(builder.Services, callersAreGrains: false);
        return builder;
    }
}
