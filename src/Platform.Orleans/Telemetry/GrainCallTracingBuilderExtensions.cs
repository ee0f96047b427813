using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Telemetry;

public static class GrainCallTracingBuilderExtensions
{
    /// <summary>
    /// Orleans' grain call spans (sources <c>Microsoft.Orleans.Application</c> and <c>Microsoft.Orleans.Runtime</c>), a
    /// client span per call and a server span per turn, linked across silos through the request context, recorded by
    /// the platform's call stages so calls keep Orleans' direct send path. Replaces Orleans' <c>AddActivityPropagation()</c>,
    /// which stays usable: when the host adds it too, its filters make the spans instead.
    /// </summary>
    public static ISiloBuilder AddPlatformGrainCallTracing(this ISiloBuilder builder)
    {
        if (AddServices(builder.Services))
        {
            PlatformCallFilters.AddIncomingFilter(builder.Services);
            PlatformCallFilters.AddOutgoingStage(builder.Services, callersAreGrains: true);
        }

        return builder;
    }

    /// <summary>The same on a client: its calls open client spans whose context the silos continue.</summary>
    public static IClientBuilder AddPlatformGrainCallTracing(this IClientBuilder builder)
    {
        if (AddServices(builder.Services))
        {
            PlatformCallFilters.AddOutgoingStage(builder.Services, callersAreGrains: false);
        }

        return builder;
    }

    private static bool AddServices(IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(GrainCallTracing)))
        {
            return false;
        }

        services.TryAddSingleton(DistributedContextPropagator.Current);
        services.AddSingleton<GrainCallTracing>();
        return true;
    }
}
