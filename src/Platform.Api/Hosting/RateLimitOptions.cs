namespace Platform.Api.Hosting;

/// <summary>Token buckets per user and per tenant; a request needs a token from both, or gets 429 with Retry-After.</summary>
public sealed class RateLimitOptions
{
    public int PerUserPerSecond { get; set; } = 100;

    public int PerUserBurst { get; set; } = 200;

    public int PerTenantPerSecond { get; set; } = 10_000;

    public int PerTenantBurst { get; set; } = 20_000;
}
