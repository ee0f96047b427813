namespace Platform.Payments.Hosting;

/// <summary>The Stripe connector (Stripe.net): keys, where the API is, and how long to wait for it.</summary>
public sealed class StripePaymentOptions
{
    /// <summary>A secret key "sk_..." or a restricted key "rk_..." with write access to payment intents, transfers and refunds.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The webhook endpoint's signing secret "whsec_...".</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Another API base than https://api.stripe.com (a proxy, or a local fake in tests).</summary>
    public string? ApiBase { get; set; }

    /// <summary>
    /// How long one HTTP request may take. With the retries below the worst case is about (retries + 1) x this, which
    /// should stay under the Orleans response timeout (30 s) of the grain call that waits for it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Stripe.net's own retries of timeouts, 409s and 5xx answers, each with the same idempotency key.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How old a webhook's signature timestamp may be (Stripe's default is 5 minutes).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
