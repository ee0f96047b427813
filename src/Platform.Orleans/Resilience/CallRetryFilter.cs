using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Invocation;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Re-sends a grain call that Orleans rejected or could not deliver, until the call's deadline (its response timeout,
/// at least <see cref="ShortestRetryWindow"/>, from the first attempt), with a short growing pause in between so the
/// cluster can settle (a silo leaving, a directory entry moving). A call that may have run is re-sent only when its
/// method is marked <see cref="IdempotentAttribute"/>. Calls to Orleans' own interfaces are left alone: the runtime
/// retries those itself. Rules and evidence: docs/decisions/0005.
/// </summary>
/// <remarks>
/// The retry calls <see cref="IOutgoingGrainCallContext.Invoke"/> again: Orleans' OutgoingCallInvoker steps back to this
/// filter's stage when an invocation returns, so a second call runs the rest of the chain and sends a new message.
/// A call rejected before delivery was never invoked, so its request object is intact; an idempotent call may have run
/// in this process, where Orleans clears the request's arguments after the invocation, so they are put back first.
/// </remarks>
/// <param name="stampDeadlines">
/// On clients: each attempt carries its deadline (<see cref="CallDeadline"/>), so that silos refuse to start it late.
/// </param>
internal sealed partial class CallRetryFilter(TimeSpan defaultResponseTimeout, bool stampDeadlines, ILogger<CallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Clients wait only 3 s for a response (so a call stuck on a dead silo ends soon), but while a silo leaves on a busy
    /// machine, rejections can repeat for longer than that: a call that certainly did not run keeps being re-sent this long.
    /// </summary>
    private static readonly TimeSpan ShortestRetryWindow = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<MethodInfo, RetryRule> _rules = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var rule = _rules.GetOrAdd(context.InterfaceMethod, RuleFor);
        if (rule == RetryRule.None)
        {
            await context.Invoke();
            return;
        }

        var start = Stopwatch.GetTimestamp();
        var responseTimeout = context.Request.GetDefaultResponseTimeout() ?? defaultResponseTimeout;
        var deadline = responseTimeout > ShortestRetryWindow ? responseTimeout : ShortestRetryWindow;
        var arguments = rule == RetryRule.Idempotent ? ArgumentsOf(context.Request) : null;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            ExceptionDispatchInfo? thrown = null;
            var previousDeadline = stampDeadlines ? CallDeadline.Stamp(DateTime.UtcNow + responseTimeout) : null;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception exception) when (MayRetry(rule, exception))
            {
                thrown = ExceptionDispatchInfo.Capture(exception);
                failure = exception;
            }
            finally
            {
                if (stampDeadlines)
                {
                    CallDeadline.Restore(previousDeadline);
                }
            }

            if (failure is null || !MayRetry(rule, failure))
            {
                return;
            }

            var pause = Pause(attempt);
            if (Stopwatch.GetElapsedTime(start) + pause >= deadline)
            {
                LogGivingUp(logger, context.InterfaceName, context.MethodName, context.TargetId, attempt, failure);
                thrown?.Throw();
                return;
            }

            LogRetrying(logger, context.InterfaceName, context.MethodName, context.TargetId, attempt, failure.GetType().Name, failure.Message);
            await Task.Delay(pause);
            if (arguments is not null)
            {
                RestoreArguments(context.Request, arguments);
            }
        }
    }

    private static bool MayRetry(RetryRule rule, Exception exception) =>
        CallFailures.ProvesNeverRan(exception) || (rule == RetryRule.Idempotent && CallFailures.IsDeliveryFailure(exception));

    private static TimeSpan Pause(int attempt) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(attempt - 1, 10)));

    private static RetryRule RuleFor(MethodInfo method)
    {
        var assembly = method.DeclaringType?.Assembly.GetName().Name ?? string.Empty;
        if (assembly.StartsWith("Orleans.", StringComparison.Ordinal))
        {
            return RetryRule.None;
        }

        return method.IsDefined(typeof(IdempotentAttribute), inherit: true) ? RetryRule.Idempotent : RetryRule.NeverRan;
    }

    private static object?[] ArgumentsOf(IInvokable request)
    {
        var arguments = new object?[request.GetArgumentCount()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = request.GetArgument(i);
        }

        return arguments;
    }

    private static void RestoreArguments(IInvokable request, object?[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            request.SetArgument(i, arguments[i]!);
        }
    }

    private enum RetryRule
    {
        /// <summary>Orleans' own calls: not touched.</summary>
        None,

        /// <summary>Re-sent only when the failure proves the callee never ran it.</summary>
        NeverRan,

        /// <summary>Marked [Idempotent]: re-sent after any delivery failure.</summary>
        Idempotent,
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-sending {Interface}.{Method} to {Target} (attempt {Attempt} failed with {ExceptionType}: {Reason})")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, GrainId target, int attempt, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Interface}.{Method} to {Target} failed after {Attempts} attempts; its deadline leaves no time for another")]
    private static partial void LogGivingUp(ILogger logger, string @interface, string method, GrainId target, int attempts, Exception failure);
}
