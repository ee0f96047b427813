using System.Diagnostics;
using System.Runtime.CompilerServices;
using Orleans.CodeGeneration;
using Orleans.Serialization.Invocation;
using Platform.Orleans.Deadlocks;
using Platform.Orleans.Resilience;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Hosting;

/// <summary>
/// The platform's outgoing call stage: the deadlock check and the hand-over of the call chain, the client span, then
/// call retry, each present only when its feature was added. Grain references use it as their runtime
/// (<see cref="PipelineGrainReferenceActivatorProvider"/>) and it hands each attempt to Orleans' own runtime. Not an
/// outgoing grain call filter because any such filter takes every call off Orleans' direct send path (an invoker object,
/// two async state machines and a stage indirection per call); wrapped, Orleans still sends each attempt its fastest way
/// and runs any filters the host added. Why and what it costs: docs/decisions/0007.
/// </summary>
/// <param name="orleans">Orleans' own grain reference runtime, the inner stage.</param>
/// <param name="callerContexts">
/// On silos: which activation's turn makes a call, resolved on first use (Orleans' accessor depends on its hosted client,
/// which makes grain references). Clients pass null.
/// </param>
internal sealed class PlatformCallPipeline(
    IGrainReferenceRuntime orleans,
    Func<IGrainContextAccessor>? callerContexts,
    CallChainCheck? deadlocks = null,
    CallChainHandoff? handoff = null,
    CallRetryPolicy? retry = null,
    GrainCallTracing? tracing = null) : IGrainReferenceRuntime
{
    private IGrainContextAccessor? _callers;

    /// <summary>The activation whose turn makes the call (on silos, Orleans' hosted client outside grains); null on clients.</summary>
    private IGrainContext? Caller => callerContexts is null ? null : (_callers ??= callerContexts()).GrainContext;

    public ValueTask<TResult?> InvokeMethodAsync<TResult>(GrainReference reference, IInvokable request, InvokeMethodOptions options)
    {
        var plan = Plan(reference, request);
        if (plan.Refusal is { } refusal)
        {
            return ValueTask.FromException<TResult?>(Refuse(reference, request, refusal));
        }

        return plan.IsPlain ? orleans.InvokeMethodAsync<TResult>(reference, request, options) : SendAsync<TResult>(reference, request, options, plan);
    }

    public ValueTask InvokeMethodAsync(GrainReference reference, IInvokable request, InvokeMethodOptions options)
    {
        var plan = Plan(reference, request);
        if (plan.Refusal is { } refusal)
        {
            return ValueTask.FromException(Refuse(reference, request, refusal));
        }

        return plan.IsPlain ? orleans.InvokeMethodAsync(reference, request, options) : SendWithoutResultAsync(reference, request, options, plan);
    }

    /// <summary>One-way calls start a chain of their own and cannot be retried (nobody sees their outcome): only traced.</summary>
    public void InvokeMethod(GrainReference reference, IInvokable request, InvokeMethodOptions options)
    {
        if (tracing is not { IsListenedTo: true } || ExecutionContext.Capture() is not { } caller)
        {
            orleans.InvokeMethod(reference, request, options);
            return;
        }

        // Run restores the caller's execution context afterwards: the trace parent reaches this call's message only.
        ExecutionContext.Run(caller, _ =>
        {
            using var span = tracing.StartClientSpan(request, reference.GrainId, Caller?.GrainId);
            orleans.InvokeMethod(reference, request, options);
        }, null);
    }

    public object Cast(IAddressable grain, Type interfaceType) => orleans.Cast(grain, interfaceType);

    /// <summary>What this call needs beyond Orleans, or the deadlock check's refusal.</summary>
    private CallPlan Plan(GrainReference reference, IInvokable request)
    {
        CallChain? chain = null;
        if (deadlocks is not null)
        {
            try
            {
                chain = deadlocks.ChainToSend(Caller, reference.GrainId, request);
            }
            catch (DeadlockException refusal)
            {
                return new CallPlan(null, false, RetryRule.None, false, refusal);
            }
        }

        var handOver = chain is not null && handoff is not null && handoff.IsLocal(reference.GrainId);
        return new CallPlan(chain, handOver, retry?.RuleFor(request) ?? RetryRule.None, tracing is { IsListenedTo: true }, null);
    }

    /// <summary>The refusal, recorded on a span of its own (nothing is sent) when spans are being recorded.</summary>
    private DeadlockException Refuse(GrainReference reference, IInvokable request, DeadlockException refusal)
    {
        if (tracing is { IsListenedTo: true } && tracing.StartClientSpan(request, reference.GrainId, Caller?.GrainId, propagate: false) is { } span)
        {
            GrainCallTracing.RecordFailure(span, refusal);
            span.Stop();
        }

        return refusal;
    }

    private async ValueTask SendWithoutResultAsync(GrainReference reference, IInvokable request, InvokeMethodOptions options, CallPlan plan) =>
        await SendAsync<object>(reference, request, options, plan).ConfigureAwait(false);

    /// <summary>
    /// Sends the call, and sends it again while Orleans proves it never ran (or, for an idempotent method, that it may not
    /// have) and its deadline leaves time. As an async method, its execution context ends with it: the trace parent, the
    /// chain and the deadline put into the request context reach this call's messages and no other.
    /// </summary>
    /// <remarks>
    /// Resumes off the activation's scheduler (<c>ConfigureAwait(false)</c>): a continuation queued to it costs Orleans an
    /// allocation and a hop on every call, and the success path only has to end the task. A retry goes back onto the
    /// activation's scheduler, where Orleans knows which grain sends it. Pooled: most calls pass here, and a pooled state
    /// machine costs no allocation.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult?> SendAsync<TResult>(GrainReference reference, IInvokable request, InvokeMethodOptions options, CallPlan plan)
    {
        var span = plan.Traced ? tracing!.StartClientSpan(request, reference.GrainId, Caller?.GrainId) : null;
        if (plan.Chain is not null && !plan.HandOver)
        {
            RequestContext.Set(CallChainDetection.RequestContextKey, plan.Chain);
        }

        var scheduler = TaskScheduler.Current;
        var firstAttempt = Stopwatch.GetTimestamp();
        var arguments = plan.Retry == RetryRule.Idempotent ? CallRetryPolicy.ArgumentsOf(request) : null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                TimeSpan pause;
                retry?.StampAttempt(request);
                if (plan.HandOver)
                {
                    handoff!.Offer(request, plan.Chain!);
                }

                try
                {
                    return attempt == 1
                        ? await orleans.InvokeMethodAsync<TResult>(reference, request, options).ConfigureAwait(false)
                        : await Task.Factory.StartNew(
                            () => orleans.InvokeMethodAsync<TResult>(reference, request, options).AsTask(),
                            CancellationToken.None,
                            TaskCreationOptions.DenyChildAttach,
                            scheduler).Unwrap().ConfigureAwait(false);
                }
                catch (Exception failure) when (CallRetryPolicy.MayRetry(plan.Retry, failure)
                    && retry!.PauseBeforeNextAttempt(request, reference.GrainId, firstAttempt, attempt, failure) is { } wait)
                {
                    pause = wait;
                }
                finally
                {
                    if (plan.HandOver)
                    {
                        handoff!.Withdraw(request, plan.Chain!);
                    }
                }

                await Task.Delay(pause).ConfigureAwait(false);
                if (arguments is not null)
                {
                    CallRetryPolicy.RestoreArguments(request, arguments);
                }
            }
        }
        catch (Exception failure) when (span is not null)
        {
            GrainCallTracing.RecordFailure(span, failure);
            throw;
        }
        finally
        {
            span?.Stop();
        }
    }

    /// <param name="HandOver">The callee is active on this silo: the chain goes beside the request, not in the request context.</param>
    private readonly record struct CallPlan(CallChain? Chain, bool HandOver, RetryRule Retry, bool Traced, DeadlockException? Refusal)
    {
        public bool IsPlain => Chain is null && Retry == RetryRule.None && !Traced;
    }
}
