using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Api.Security;

namespace Platform.Api.Hosting;

/// <summary>
/// Per user and per tenant token buckets over every authenticated request; a request over either gets 429 with
/// Retry-After and a problem body. Anonymous requests (health probes, the development token endpoint) are not limited:
/// probes must never be refused.
/// </summary>
internal static class ApiRateLimits
{
    public static void AddApiRateLimits(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Caller.Of(context) is { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter($"user:{caller.Key}", _ => Bucket(limits.PerUserPerSecond, limits.PerUserBurst))
                    : RateLimitPartition.GetNoLimiter("anonymous")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Caller.Of(context) is { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter($"tenant:{caller.TenantId}", _ => Bucket(limits.PerTenantPerSecond, limits.PerTenantBurst))
                    : RateLimitPartition.GetNoLimiter("anonymous")));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                await Refusals.WriteAsync(
                    context.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    retryAfter,
                    "Too many requests",
                    $"The request rate of this user or tenant is over its limit; retry after {retryAfter} s.");
            };
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
