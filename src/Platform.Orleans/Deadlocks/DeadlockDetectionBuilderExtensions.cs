using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Deadlocks;

public static class DeadlockDetectionBuilderExtensions
{
    /// <summary>
    /// Fails a call at once with <see cref="DeadlockException"/> when it would wait on a non-reentrant grain already on
    /// its own call chain. The chain goes to callees on other silos in <c>RequestContext</c>, so it spans silos, and to
    /// callees on the same silo beside the request.
    /// </summary>
    public static ISiloBuilder AddPlatformDeadlockDetection(this ISiloBuilder builder)
    {
        if (AddServices(builder.Services, callersAreGrains: true))
        {
            builder.Services.AddSingleton<CallChainHandoff>();
        }

        return builder;
    }

    /// <summary>
    /// The same on a client: calls its observers make back into the grains that called them are checked, and the hop
    /// of the observer is named.
    /// </summary>
    public static IClientBuilder AddPlatformDeadlockDetection(this IClientBuilder builder)
    {
        AddServices(builder.Services, callersAreGrains: false);
        return builder;
    }

    private static bool AddServices(IServiceCollection services, bool callersAreGrains)
    {
        if (services.Any(service => service.ServiceType == typeof(TargetConcurrency)))
        {
            return false;
        }

        services.AddMetrics();
        services.AddSingleton<TargetConcurrency>();
        services.TryAddSingleton<DeadlockInstruments>();
        services.AddSingleton<CallChainTurns>();
        services.AddSingleton<CallChainCheck>();
        PlatformCallFilters.AddIncomingFilter(services);
        PlatformCallFilters.AddOutgoingStage(services, callersAreGrains);
        return true;
    }
}
