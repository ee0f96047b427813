using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Payments.Simulated;
using Platform.Payments.Stripe;

namespace Platform.Payments.Hosting;

/// <summary>Registers the payment provider the configuration chooses.</summary>
public static class PaymentsSiloBuilderExtensions
{
    /// <summary>
    /// <see cref="IPaymentProvider"/> as <paramref name="section"/> says (<see cref="PaymentsOptions"/>): "Simulated"
    /// (the default) or "Stripe". The options are validated when the silo starts, so a missing key or a bad value stops
    /// the start with a message naming the key.
    /// </summary>
    public static ISiloBuilder AddPlatformPayments(this ISiloBuilder silo, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(section);
        var services = silo.Services;
        var path = section is IConfigurationSection named ? named.Path : string.Empty;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PaymentsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentsOptions>>(new PaymentsOptionsValidator(path));
        services.AddSingleton<SimulatedFaults>();
        services.AddSingleton<SimulatedPaymentProvider>();
        services.AddSingleton<StripePaymentProvider>();

        // Resolved on first use, after validation: the Stripe connector is never built when the simulator is chosen.
        services.AddSingleton<IPaymentProvider>(provider => provider.GetRequiredService<IOptions<PaymentsOptions>>().Value.UsesStripe
            ? provider.GetRequiredService<StripePaymentProvider>()
            : provider.GetRequiredService<SimulatedPaymentProvider>());
        return silo;
    }
}
