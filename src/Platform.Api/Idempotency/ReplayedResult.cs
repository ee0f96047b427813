using Platform.Grains.Requests;

namespace Platform.Api.Idempotency;

/// <summary>Sends a kept answer again as it was first sent, marked as a replay.</summary>
internal sealed class ReplayedResult(StoredResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = response.StatusCode;
        httpContext.Response.Headers[IdempotencyFilter.ReplayedHeaderName] = "true";
        if (response.Location is { } location)
        {
            httpContext.Response.Headers.Location = location;
        }

        if (response.Body is { } body)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.WriteAsync(body);
        }
    }
}
