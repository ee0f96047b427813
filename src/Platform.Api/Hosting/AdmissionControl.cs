using System.Globalization;
using System.Threading.RateLimiting;

namespace Platform.Api.Hosting;

/// <summary>
/// The instance's concurrency limit (<see cref="ConcurrencyOptions"/>), first in the pipeline so that a refused request
/// costs no token validation and no grain call: 503 with Retry-After and a problem body. Health probes pass untouched:
/// an orchestrator must see a busy instance as alive, and its readiness as it is. So do the hubs: a WebSocket request
/// lasts as long as its connection, and would hold its place for hours (Kestrel limits upgraded connections).
/// </summary>
internal sealed partial class AdmissionControl(RequestDelegate next, ConcurrencyLimiter limiter, ConcurrencyOptions options, ILogger<AdmissionControl> logger)
{
    private const int RetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments(Security.ApiAuthentication.HubPathPrefix))
        {
            await next(context);
            return;
        }

        using var lease = await AcquireAsync(context.RequestAborted);
        if (lease is not { IsAcquired: true })
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, options.MaxRequests);
            await Refusals.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                RetryAfterSeconds,
                "Busy",
                $"This API instance is working on {options.MaxRequests} requests and no place freed up within {options.QueueTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; nothing was done. Retry after {RetryAfterSeconds} s.");
            return;
        }

        await next(context);
    }

    /// <summary>A lease, acquired or refused (queue full); null when the request waited in the queue past its time.</summary>
    private async ValueTask<RateLimitLease?> AcquireAsync(CancellationToken aborted)
    {
        // Without a wait, no linked token source on the common path.
        var immediate = limiter.AttemptAcquire();
        if (immediate.IsAcquired || options.QueueLimit == 0)
        {
            return immediate;
        }

        immediate.Dispose();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(options.QueueTimeout);
        try
        {
            return await limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} with 503: {MaxRequests} requests in progress and the queue full or too slow")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, int maxRequests);
}
