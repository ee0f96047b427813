using Microsoft.Extensions.DependencyInjection;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Telemetry;

public static class GrainMethodMetricsBuilderExtensions
{
    /// <summary>
    /// Records <c>platform.grain.method.duration</c> and <c>platform.grain.method.failures</c> per grain type and method
    /// on the <see cref="PlatformOrleansMeter.Name"/> meter, and switches on Orleans' grain call spans
    /// (<see cref="GrainCallTracingBuilderExtensions.AddPlatformGrainCallTracing(ISiloBuilder)"/>) so traces cross grain calls.
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
        return builder.AddPlatformGrainCallTracing();
    }
}
