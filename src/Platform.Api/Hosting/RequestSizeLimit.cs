using Microsoft.AspNetCore.Http.Features;

namespace Platform.Api.Hosting;

/// <summary>
/// Refuses a body larger than <see cref="ApiOptions.MaxRequestBodyBytes"/> with 413 before anything reads it: by its
/// Content-Length at once, and for chunked bodies through the server's body size limit (Kestrel stops reading there).
/// </summary>
internal sealed class RequestSizeLimit(RequestDelegate next, ApiOptions options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The body has {context.Request.ContentLength} bytes; this API takes at most {options.MaxRequestBodyBytes}.",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }

        await next(context);
    }
}
