using System.Diagnostics;
using Platform.Orleans.Deadlocks;
using Platform.Orleans.Resilience;
using Platform.Orleans.Supervision;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Hosting;

/// <summary>
/// The platform's one incoming grain call filter: the pause fence and the expired-call check (failure detection),
/// supervision, the call chain of deadlock detection, the server span and per-method metrics, each present only when its
/// feature was added. One filter rather than one per feature because every Orleans filter stage costs an async state machine and an
/// indirection on every call.
/// </summary>
internal sealed class PlatformIncomingCallFilter(
    PauseFence? pauseFence = null,
    ExpiredCalls? expiredCalls = null,
    GrainSupervision? supervision = null,
    CallChainTurns? callChains = null,
    GrainMethodInstruments? metrics = null,
    GrainCallTracing? tracing = null) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        pauseFence is { MustConfirm: true } ? InvokeAfterPauseAsync(pauseFence, context) : InvokeChecked(context);

    private async Task InvokeAfterPauseAsync(PauseFence fence, IIncomingGrainCallContext context)
    {
        await fence.ConfirmStillActiveAsync();
        await InvokeChecked(context);
    }

    private Task InvokeChecked(IIncomingGrainCallContext context)
    {
        if (expiredCalls?.Refusal(context) is { } expired)
        {
            return Task.FromException(expired);
        }

        GrainTypeSupervisor? supervisor = null;
        if (supervision is not null)
        {
            try
            {
                supervisor = supervision.Admit(context);
            }
            catch (Exception refusal) when (refusal is GrainQuarantinedException or GrainStoppedException)
            {
                return Task.FromException(refusal);
            }
        }

        callChains?.EnterTurn(context);

        // Orleans runs this stage inside an async method of its own, whose execution context ends with it: the span
        // started here is current for the grain's turn and nothing after it.
        var span = tracing?.StartServerSpan(context);

        // Latency is real elapsed time (Stopwatch), never the injected TimeProvider a test may have frozen.
        var start = metrics is { Enabled: true } ? Stopwatch.GetTimestamp() : 0;
        var call = context.Invoke();
        if (call.IsCompletedSuccessfully && span is null)
        {
            if (start != 0)
            {
                metrics!.Record(context, Stopwatch.GetElapsedTime(start), failure: null);
            }

            return call;
        }

        return supervisor is null && start == 0 && span is null ? call : AwaitCall(call, context, supervisor, start, span);
    }

    private async Task AwaitCall(Task call, IIncomingGrainCallContext context, GrainTypeSupervisor? supervisor, long start, Activity? span)
    {
        using var turnSpan = span;
        try
        {
            await call;
        }
        catch (Exception failure)
        {
            if (span is not null)
            {
                GrainCallTracing.RecordFailure(span, failure);
            }

            if (start != 0)
            {
                metrics!.Record(context, Stopwatch.GetElapsedTime(start), failure);
            }

            if (supervisor is not null)
            {
                supervision!.OnFailure(context, supervisor, failure);
            }

            throw;
        }

        if (start != 0)
        {
            metrics!.Record(context, Stopwatch.GetElapsedTime(start), failure: null);
        }
    }
}
