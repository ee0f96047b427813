using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Grains.Alerts;

// In the assembly's root namespace, beside the grains' other hosting code, so a silo that imports Platform.Grains finds it.
namespace Platform.Grains;

/// <summary>Everything the alert grains need on a silo.</summary>
public static class AlertsSiloBuilderExtensions
{
    /// <summary>
    /// The embedded push outbox (logs and keeps pushes in memory) unless an <see cref="IPushProvider"/> is registered
    /// already: register FCM/APNs before calling this. Without any provider the alert grains still work, and alerts for
    /// users without a live connection wait in their inbox for catch-up.
    /// </summary>
    public static ISiloBuilder AddPlatformAlerts(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<LoggingPushProvider>();
        silo.Services.TryAddSingleton<IPushProvider>(services => services.GetRequiredService<LoggingPushProvider>());
        return silo;
    }
}
