using Microsoft.Extensions.DependencyInjection;

namespace Platform.Orleans.Hosting;

/// <summary>Registers <see cref="PlatformIncomingCallFilter"/> once per host, whichever feature asks first.</summary>
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
}
