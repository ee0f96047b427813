using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Platform.Grains.Escrow;
using Platform.Grains.Tenancy;
using Platform.Orleans.Supervision;
using Platform.Payments;

namespace Platform.Api.Errors;

/// <summary>
/// Turns what a grain call threw into the <see cref="ProblemDetails"/> a caller can act on: the grains' own validation
/// (<see cref="ArgumentException"/>, naming the field) is a 400 with field errors, a move the state does not allow a 409,
/// another tenant's key a 403, a grain call past its deadline a 504, a supervised grain that is stopped or quarantined a
/// 503 with Retry-After, and so are an overloaded cluster's refusals (a silo shedding load, a grain past its queue limit)
/// and grain state the database could not read or write. A payment the provider refused is a 402 (the client's payment)
/// or a 409 (a payout or refund) with the provider's <c>code</c>; a payment whose outcome is unknown a 503 with
/// Retry-After. Anything else is a 500 whose detail says nothing of the server's internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception, httpContext);
        // Every failure Describe knows (a deadline, an outage, shedding) is a 503 or 504 the caller can act on; only what
        // it does not know is a 500 and a bug worth a log line.
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(Exception exception, HttpContext context) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
            Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", tooLarge.Message),
        BadHttpRequestException bad => Problem(bad.StatusCode, "Malformed request", bad.Message),
        ArgumentException argument => Validation(argument),
        TenantMismatchException => Problem(StatusCodes.Status403Forbidden, "Another tenant's data", "The request names data of another tenant."),
        PaymentRefusedException refused => PaymentRefused(refused),
        PaymentOutcomeUnknownException unknown => Unavailable(
            context,
            "Payment outcome unknown",
            $"The payment provider did not answer the {unknown.Step}; the contract keeps it pending and repeats it under the same provider key first on its next call, so a retry cannot move money twice. Retry with the same Idempotency-Key."),
        _ when CausedByTheDatabase(exception) => Unavailable(
            context,
            "The database is unavailable",
            "A grain could not read or write its state in the database; the change may or may not have been stored. Retry with the same Idempotency-Key."),
        InvalidOperationException conflict => Problem(StatusCodes.Status409Conflict, "Not allowed now", conflict.Message),
        TimeoutException => Problem(StatusCodes.Status504GatewayTimeout, "The cluster did not answer in time", "A grain call took longer than the API's deadline; the change may or may not have happened. Retry with the same Idempotency-Key."),
        GrainQuarantinedException or GrainStoppedException => Unavailable(context, "Temporarily unavailable", exception.Message),
        GatewayTooBusyException or LimitExceededException => Unavailable(
            context,
            "The cluster is shedding load",
            "The cluster refused the request before running it (a silo over its CPU or memory threshold, or a grain with too many queued requests); nothing was done."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error", "The request failed on the server; it has been logged."),
    };

    /// <summary>
    /// A grain's state storage failed: Orleans wraps what the provider threw (Npgsql's exception, which the silos and
    /// clients serialize) in an <see cref="OrleansException"/> naming the provider and the grain.
    /// </summary>
    private static bool CausedByTheDatabase(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is DbException)
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails Validation(ArgumentException argument)
    {
        var field = string.IsNullOrEmpty(argument.ParamName) ? "request" : argument.ParamName;
        var message = argument.ParamName is { Length: > 0 } name ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : argument.Message;
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = message,
        };
    }

    private static ProblemDetails Unavailable(HttpContext context, string title, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, title, detail);
    }

    /// <summary>
    /// A 402 when the client's payment was refused (they can fund again with another method), a 409 when the payout or the
    /// refund was: the contract is unchanged either way, and the provider's code says why.
    /// </summary>
    private static ProblemDetails PaymentRefused(PaymentRefusedException refused)
    {
        var clientsPayment = refused.Step is PaymentStep.Authorize or PaymentStep.Capture;
        var problem = Problem(
            clientsPayment ? StatusCodes.Status402PaymentRequired : StatusCodes.Status409Conflict,
            "Payment refused",
            $"The payment provider refused the {refused.Step} with '{refused.Code}'; nothing moved and the contract is unchanged."
            + (clientsPayment ? " Fund it again with another payment method." : string.Empty));
        problem.Extensions["code"] = refused.Code;
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
