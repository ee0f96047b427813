namespace Platform.Payments.Hosting;

/// <summary>
/// The configuration section <c>AddPlatformPayments</c> binds (say "Payments"): which provider moves the money, and
/// each provider's settings.
/// </summary>
public sealed class PaymentsOptions
{
    public const string SimulatedProvider = "Simulated";

    public const string StripeProvider = "Stripe";

    /// <summary>"Simulated" (the default: in the cluster, no network) or "Stripe".</summary>
    public string Provider { get; set; } = SimulatedProvider;

    public SimulatedPaymentOptions Simulated { get; set; } = new();

    public StripePaymentOptions Stripe { get; set; } = new();

    internal bool UsesStripe => string.Equals(Provider, StripeProvider, StringComparison.OrdinalIgnoreCase);
}
