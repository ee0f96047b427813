using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainReferences;
using Platform.Orleans.Deadlocks;
using Platform.Orleans.Resilience;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Hosting;

/// <summary>
/// Registers <see cref="PlatformIncomingCallFilter"/> and <see cref="PlatformCallPipeline"/> once per host, whichever
/// feature asks first; each takes the parts of the features that were added.
/// </summary>
internal static class PlatformCallFilters
{
    public static void AddIncomingFilter(IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(PlatformIncomingCallFilter)))
        {
            return;
        }

        services.AddSingleton<PlatformIncomingCallFilter>();
        services.AddSingleton<IIncomingGrainCallFilter>(provider => provider.GetRequiredService<PlatformIncomingCallFilter>());
    }

    /// <summary>
    /// Puts <see cref="PlatformCallPipeline"/> in front of Orleans' grain reference runtime for every typed grain reference
    /// (<see cref="PipelineGrainReferenceActivatorProvider"/>).
    /// </summary>
    /// <param name="callersAreGrains">On silos, calls are made by activations; on clients, by the client.</param>
    public static void AddOutgoingStage(IServiceCollection services, bool callersAreGrains)
    {
        if (services.Any(service => service.ServiceType == typeof(PlatformCallPipeline)))
        {
            return;
        }

        services.AddSingleton(provider => new PlatformCallPipeline(
            provider.GetRequiredService<IGrainReferenceRuntime>(),
            callersAreGrains ? provider.GetRequiredService<IGrainContextAccessor> : null,
            provider.GetService<CallChainCheck>(),
            provider.GetService<CallChainHandoff>(),
            provider.GetService<CallRetryPolicy>(),
            provider.GetService<GrainCallTracing>()));

        // First, so that Orleans' grain reference activator asks it before its own providers.
        services.Insert(0, ServiceDescriptor.Singleton<IGrainReferenceActivatorProvider, PipelineGrainReferenceActivatorProvider>());
    }
}
