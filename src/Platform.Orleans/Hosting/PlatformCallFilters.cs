using Microsoft.Extensions.DependencyInjection;

namespace Platform.Orleans.Hosting;

/// <summary>
/// Registers <see cref="PlatformIncomingCallFilter"/> and <see cref="PlatformOutgoingCallFilter"/> once per host, whichever
/// feature asks first; each filter takes the parts of the features that were added.
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

    public static void AddOutgoingFilter(IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(PlatformOutgoingCallFilter)))
        {
            return;
        }

        services.AddSingleton<PlatformOutgoingCallFilter>();
        services.AddSingleton<IOutgoingGrainCallFilter>(provider => provider.GetRequiredService<PlatformOutgoingCallFilter>());
    }
}
