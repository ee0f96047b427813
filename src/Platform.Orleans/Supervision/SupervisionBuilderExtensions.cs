using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Orleans.Hosting;

namespace Platform.Orleans.Supervision;

public static class SupervisionBuilderExtensions
{
    /// <summary>
    /// Supervises grain calls in the manner of Erlang/OTP: <see cref="OnFailureAttribute"/> and
    /// <see cref="RestartIntensityAttribute"/> on grain classes, <see cref="SupervisionOptions"/> for the silo.
    /// Uses the <see cref="TimeProvider"/> registered in the silo's services (the system clock unless a test registers its own).
    /// </summary>
    public static ISiloBuilder AddPlatformSupervision(this ISiloBuilder builder, Action<SupervisionOptions>? configure = null)
    {
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(service => service.ServiceType == typeof(GrainSupervision)))
        {
            return builder;
        }

        services.AddOptions<SupervisionOptions>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SupervisionInstruments>();
        services.AddSingleton<StoppedGrains>();
        services.AddSingleton<ActivationsByGrainType>();
        services.AddSingleton<IActivationWorkingSetObserver>(provider => provider.GetRequiredService<ActivationsByGrainType>());
        services.AddSingleton<GrainSupervision>();
        PlatformCallFilters.AddIncomingFilter(services);
        return builder;
    }
}
