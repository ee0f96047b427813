using System.Globalization;

namespace Platform.Api.Hosting;

/// <summary>
/// The answer of a limit that refuses a request before any endpoint runs (rate limits, the concurrency limit): the
/// status, a Retry-After header in whole seconds and a problem body saying why.
/// </summary>
internal static class Refusals
{
    public static async Task WriteAsync(HttpContext http, int status, int retryAfterSeconds, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
