using Microsoft.Extensions.DependencyInjection;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Telemetry;

public static class GrainMethodMetricsBuilderExtensions
{
    // Orleans' filter class is internal; its name is how to tell whether the host already added propagation.
    private const string ActivityPropagationFilterName = "ActivityPropagationIncomingGrainCallFilter";

    /// <summary>
    /// Records <c>platform.grain.method.duration</c> and <c>platform.grain.method.failures</c> per grain type and method
    /// on the <see cref="PlatformOrleansMeter.Name"/> meter, and switches on Orleans' activity propagation so traces
    /// cross grain calls.
    /// </summary>
    public static ISiloBuilder AddPlatformGrainMethodMetrics(this ISiloBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(service => service.ServiceType == typeof(GrainMethodInstruments)))
        {
            return builder;
        }

        services.AddMetrics();
        services.AddSingleton<GrainMethodInstruments>();
        PlatformCallFilters.AddIncomingFilter(services);

        // AddActivityPropagation registers its filters again on every call: add them only if the host has not.
        if (!services.Any(service => service.ImplementationType?.Name == ActivityPropagationFilterName))
        {
            builder.AddActivityPropagation();
        }

        return builder;
    }
}
