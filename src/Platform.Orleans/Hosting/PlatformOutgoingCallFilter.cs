using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Platform.Orleans.Deadlocks;
using Platform.Orleans.Resilience;

namespace Platform.Orleans.Hosting;

/// <summary>
/// The platform's one outgoing grain call filter: the deadlock check and the hand-over of the call chain, then call
/// retry, each present only when its feature was added. One stage rather than one per feature: every outgoing stage
/// costs Orleans an async state machine per call.
/// </summary>
internal sealed class PlatformOutgoingCallFilter(
    CallChainCheck? deadlocks = null,
    CallChainHandoff? handoff = null,
    CallRetryPolicy? retry = null) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        CallChain? chain;
        try
        {
            chain = deadlocks?.ChainToSend(context);
        }
        catch (DeadlockException refusal)
        {
            return Task.FromException(refusal);
        }

        var rule = retry?.RuleFor(context) ?? RetryRule.None;
        if (chain is not null)
        {
            if (handoff is not null && handoff.IsLocal(context.TargetId))
            {
                return InvokeAsync(context, rule, chain);
            }

            // Orleans runs each filter stage in an async method, which restores the execution context when it returns:
            // the chain reaches this call's message and nothing else.
            RequestContext.Set(CallChainDetection.RequestContextKey, chain);
        }

        return rule == RetryRule.None ? context.Invoke() : InvokeAsync(context, rule, localChain: null);
    }

    /// <param name="localChain">A chain handed to a callee on this silo beside the request, offered anew for each attempt.</param>
    /// <remarks>
    /// Resumes off the activation's scheduler (<c>ConfigureAwait(false)</c>): a continuation queued to it costs Orleans
    /// an allocation and a hop on every call, and the success path only has to end the task. A retry goes back onto the
    /// activation's scheduler, where Orleans knows which grain sends it.
    /// </remarks>
    private async Task InvokeAsync(IOutgoingGrainCallContext context, RetryRule rule, CallChain? localChain)
    {
        var request = context.Request;
        var scheduler = TaskScheduler.Current;
        var firstAttempt = Stopwatch.GetTimestamp();
        var arguments = rule == RetryRule.Idempotent ? CallRetryPolicy.ArgumentsOf(request) : null;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            ExceptionDispatchInfo? thrown = null;
            retry?.StampAttempt(context);
            if (localChain is not null)
            {
                handoff!.Offer(request, localChain);
            }

            try
            {
                var call = attempt == 1
                    ? context.Invoke()
                    : Task.Factory.StartNew(context.Invoke, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();
                await call.ConfigureAwait(false);
                failure = context.Response?.Exception;
            }
            catch (Exception exception) when (CallRetryPolicy.MayRetry(rule, exception))
            {
                thrown = ExceptionDispatchInfo.Capture(exception);
                failure = exception;
            }
            finally
            {
                if (localChain is not null)
                {
                    handoff!.Withdraw(request, localChain);
                }
            }

            if (failure is null || !CallRetryPolicy.MayRetry(rule, failure))
            {
                return;
            }

            if (retry!.PauseBeforeNextAttempt(context, firstAttempt, attempt, failure) is not { } pause)
            {
                thrown?.Throw();
                return;
            }

            await Task.Delay(pause).ConfigureAwait(false);
            if (arguments is not null)
            {
                CallRetryPolicy.RestoreArguments(request, arguments);
            }
        }
    }
}
