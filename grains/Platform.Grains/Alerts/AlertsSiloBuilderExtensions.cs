using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Grains.Alerts;

// In the assembly's root namespace, beside the grains' other hosting code, so a silo that imports Platform.Grains finds it.
namespace Platform.Grains;

/// <summary>Everything the alert and session grains need on a silo.</summary>
public static class AlertsSiloBuilderExtensions
{
    /// <summary>
    /// The connection lease from <paramref name="section"/> (by convention <see cref="AlertOptions.SectionName"/>; see
    /// <see cref="AlertOptions"/>), validated when the silo starts, and the embedded push outbox
    /// (<see cref="IPushOutboxGrain"/>) unless an <see cref="IPushProvider"/> is registered already: register FCM/APNs
    /// before calling this.
    /// </summary>
    public static ISiloBuilder AddPlatformAlerts(this ISiloBuilder silo, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(section);
        var services = silo.Services;
        services.AddOptions<AlertOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>>(new AlertOptionsValidator((section as IConfigurationSection)?.Path ?? string.Empty));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPushProvider, OutboxPushProvider>();
        return silo;
    }
}
