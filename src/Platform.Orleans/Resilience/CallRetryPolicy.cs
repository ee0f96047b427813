using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Invocation;

namespace Platform.Orleans.Resilience;

/// <summary>
/// When <see cref="Hosting.PlatformCallPipeline"/> re-sends a grain call that Orleans rejected or could not deliver:
/// until the call's deadline (its response timeout, at least <see cref="ShortestRetryWindow"/>, from the first attempt),
/// with a short growing pause in between so the cluster can settle (a silo leaving, a directory entry moving). A call that
/// may have run is re-sent only when its method is marked <see cref="IdempotentAttribute"/>. An overloaded cluster's
/// refusal is never re-sent (<see cref="CallFailures.IsOverload"/>). Calls to Orleans' own interfaces are left alone:
/// the runtime retries those itself. Rules and evidence: docs/decisions/0005.
/// </summary>
/// <remarks>
/// The pipeline re-sends by handing the same request to Orleans' grain reference runtime again, which runs any outgoing
/// filters and sends a new message. A call rejected before delivery was never invoked, so its request object is intact; an idempotent call may
/// have run in this process, where Orleans clears the request's arguments after the invocation, so they are put back first.
/// </remarks>
/// <param name="stampDeadlines">
/// On clients: each attempt carries its deadline (<see cref="CallDeadline"/>), so that silos refuse to start it late.
/// </param>
internal sealed partial class CallRetryPolicy(TimeSpan defaultResponseTimeout, bool stampDeadlines, ILogger<CallRetryPolicy> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Clients wait only 3 s for a response (so a call stuck on a dead silo ends soon), but while a silo leaves on a busy
    /// machine, rejections can repeat for longer than that: a call that certainly did not run keeps being re-sent this long.
    /// </summary>
    private static readonly TimeSpan ShortestRetryWindow = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<MethodInfo, RetryRule> _rules = new();

    public RetryRule RuleFor(IInvokable request) => _rules.GetOrAdd(request.GetMethod(), RuleFor);

    /// <summary>
    /// Before each attempt: on clients, stamps the attempt's deadline into the request context it is sent with. Call it
    /// inside an async method, whose execution context ends with it, so the stamp reaches this call's messages only.
    /// </summary>
    public void StampAttempt(IInvokable request)
    {
        if (stampDeadlines)
        {
            CallDeadline.Stamp(DateTime.UtcNow + ResponseTimeout(request));
        }
    }

    /// <summary>Whether a call of <paramref name="rule"/> may be re-sent after <paramref name="exception"/>; never after an overload refusal.</summary>
    public static bool MayRetry(RetryRule rule, Exception exception) => !CallFailures.IsOverload(exception) && rule switch
    {
        RetryRule.NeverRan => CallFailures.ProvesNeverRan(exception),
        RetryRule.Idempotent => CallFailures.IsDeliveryFailure(exception),
        _ => false,
    };

    /// <summary>
    /// The pause before the next attempt after <paramref name="attempt"/> failed, or null when the call's deadline leaves no
    /// time for another (the call then fails with <paramref name="failure"/>).
    /// </summary>
    public TimeSpan? PauseBeforeNextAttempt(IInvokable request, GrainId target, long firstAttemptTimestamp, int attempt, Exception failure)
    {
        var responseTimeout = ResponseTimeout(request);
        var deadline = responseTimeout > ShortestRetryWindow ? responseTimeout : ShortestRetryWindow;
        var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(attempt - 1, 10)));
        if (Stopwatch.GetElapsedTime(firstAttemptTimestamp) + pause >= deadline)
        {
            LogGivingUp(logger, request.GetInterfaceName(), request.GetMethodName(), target, attempt, failure);
            return null;
        }

        LogRetrying(logger, request.GetInterfaceName(), request.GetMethodName(), target, attempt, failure.GetType().Name, failure.Message);
        return pause;
    }

    public static object?[] ArgumentsOf(IInvokable request)
    {
        var arguments = new object?[request.GetArgumentCount()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = request.GetArgument(i);
        }

        return arguments;
    }

    public static void RestoreArguments(IInvokable request, object?[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            request.SetArgument(i, arguments[i]!);
        }
    }

    private TimeSpan ResponseTimeout(IInvokable request) =>
        request.GetDefaultResponseTimeout() ?? defaultResponseTimeout;

    private static RetryRule RuleFor(MethodInfo method)
    {
        var assembly = method.DeclaringType?.Assembly.GetName().Name ?? string.Empty;
        if (assembly.StartsWith("Orleans.", StringComparison.Ordinal))
        {
            return RetryRule.None;
        }

        return method.IsDefined(typeof(IdempotentAttribute), inherit: true) ? RetryRule.Idempotent : RetryRule.NeverRan;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-sending {Interface}.{Method} to {Target} (attempt {Attempt} failed with {ExceptionType}: {Reason})")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, GrainId target, int attempt, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Interface}.{Method} to {Target} failed after {Attempts} attempts; its deadline leaves no time for another")]
    private static partial void LogGivingUp(ILogger logger, string @interface, string method, GrainId target, int attempts, Exception failure);
}
