namespace Platform.Payments.Hosting;

/// <summary>
/// The simulated provider: deterministic, keeps its record of every request in the cluster's grain storage, and can
/// lose answers on purpose to exercise retries (benchmarks, tests).
/// </summary>
public sealed class SimulatedPaymentOptions
{
    /// <summary>The share of requests (0 to 1) that are performed and then fail as if the answer timed out.</summary>
    public double TimeoutAfterPerformingRate { get; set; }

    /// <summary>The share of requests (0 to 1) refused with a 503 before anything is performed.</summary>
    public double UnavailableRate { get; set; }

    /// <summary>Which requests fail is a function of this seed, the idempotency key and the attempt: a rerun fails the same ones.</summary>
    public int Seed { get; set; }

    /// <summary>The secret simulated notifications are signed with (Stripe's scheme).</summary>
    public string WebhookSecret { get; set; } = "whsec_simulated";

    /// <summary>How old a notification's signature timestamp may be.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
