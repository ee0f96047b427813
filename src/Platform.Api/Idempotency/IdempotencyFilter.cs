using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Api.Security;
using Platform.Grains.Requests;

namespace Platform.Api.Idempotency;

/// <summary>
/// On endpoints that create something or move money: the <c>Idempotency-Key</c> header is required; a request whose key
/// the caller used before for the same request gets the first answer again (header <c>Idempotent-Replayed: true</c>), one
/// with the same key and a different body or target gets 409. The answers live in <see cref="IRequestReplayGrain"/>, so
/// every API instance sees them. The endpoint runs with the <see cref="IdempotentRequest"/> as a feature of the request.
/// </summary>
internal sealed partial class IdempotencyFilter(IGrainFactory grains, IOptions<JsonOptions> json, ClaimSettlement settlement) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers[HeaderName] is not { Count: 1 } values || values[0] is not { } key || !KeyFormat().IsMatch(key))
        {
            return TypedResults.Problem(
                title: "Idempotency-Key required",
                detail: $"This request creates something or moves money: send a '{HeaderName}' header of 1 to 100 characters (letters, digits, '-', '_', ':', '.'), the same on every retry.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var caller = Caller.Of(http) ?? throw new InvalidOperationException("The endpoint requires an authenticated caller.");
        var replay = grains.GetGrain<IRequestReplayGrain>($"{caller.Key}/{key}");
        var fingerprint = Fingerprint(context);
        var attempt = Guid.NewGuid();
        ReplayDecision decision;
        try
        {
            decision = await replay.Begin(fingerprint, attempt);
        }
        catch
        {
            // The claim may be stored although its answer never came (the silo died after the write): release it, or every
            // retry would be refused as in progress until the claim times out.
            await settlement.AbandonAsync(replay, attempt);
            throw;
        }

        switch (decision.Outcome)
        {
            case ReplayOutcome.Replay:
                return new ReplayedResult(decision.Response!);
            case ReplayOutcome.Mismatch:
                return TypedResults.Problem(
                    title: "Idempotency-Key reused",
                    detail: $"The '{HeaderName}' '{key}' was used for a different request; use a new key for a new request.",
                    statusCode: StatusCodes.Status409Conflict);
            case ReplayOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(
                    title: "Request in progress",
                    detail: $"A request with '{HeaderName}' '{key}' is still running; retry shortly to get its answer.",
                    statusCode: StatusCodes.Status409Conflict);
        }

        http.Features.Set(new IdempotentRequest(caller.Key, key, fingerprint));
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await settlement.AbandonAsync(replay, attempt);
            throw;
        }

        // What was done is answered even when its answer cannot be kept yet: failing the request now would invite a retry
        // of something that already happened.
        if (Store(result) is { StatusCode: < 500 } stored)
        {
            await settlement.CompleteAsync(replay, attempt, stored);
        }
        else
        {
            await settlement.AbandonAsync(replay, attempt);
        }

        return result;
    }

    /// <summary>What the request asks: its method, path and bound arguments (not the headers, which proxies change).</summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var request = context.HttpContext.Request;
        var arguments = context.Arguments.Where(argument => argument is not (null or HttpContext or CancellationToken or Caller));
        var text = $"{request.Method} {request.Path}\n{JsonSerializer.Serialize(arguments, json.Value.SerializerOptions)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private StoredResponse? Store(object? result) => result switch
    {
        // An endpoint that answers in more than one way returns Results<...>: keep the answer it chose.
        INestedHttpResult nested => Store(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } and IValueHttpResult { Value: var value } => new StoredResponse(
            status, value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions), LocationOf(result)),
        IStatusCodeHttpResult { StatusCode: { } status } => new StoredResponse(status, null, LocationOf(result)),
        _ => null,
    };

    private static string? LocationOf(object result) => result.GetType().GetProperty("Location")?.GetValue(result) as string;

    [GeneratedRegex("^[A-Za-z0-9_:.\\-]{1,100}$")]
    private static partial Regex KeyFormat();
}
