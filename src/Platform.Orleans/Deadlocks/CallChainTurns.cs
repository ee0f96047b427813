using Orleans.CodeGeneration;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The incoming half of deadlock detection, run by <see cref="Hosting.PlatformIncomingCallFilter"/>: pushes the turn that
/// starts now onto the call chain its caller handed over, and keeps it where the turn's outgoing calls find it.
/// </summary>
/// <param name="handoff">On silos: chains handed over by callers on this silo. Clients receive every chain in the request context.</param>
internal sealed class CallChainTurns(TargetConcurrency targets, CallChainHandoff? handoff = null)
{
    /// <summary>
    /// The caller must be a synchronous call filter: Orleans runs each filter stage in an async method, which restores the
    /// execution context when it returns, so the chain set here is seen by the grain's turn (and the stages inside it)
    /// only, never by Orleans' invocation code, without an async wrapper of our own.
    /// </summary>
    public void EnterTurn(IIncomingGrainCallContext context)
    {
        var chain = handoff?.Take(context.Request);
        if (RequestContext.Get(CallChainDetection.RequestContextKey) is { } carried)
        {
            // Out of the turn's request context, or Orleans would copy it into every call the turn makes.
            RequestContext.Remove(CallChainDetection.RequestContextKey);
            chain ??= carried as CallChain;
        }

        // The chain is only the direct caller's if it ends with that caller. Otherwise it arrived by another route
        // (a stream event, a reminder, a call the caller made without waiting for it to end) and nothing waits on it.
        if (chain is not null && (context.SourceId is not { } source || !chain.Grain.Equals(source)))
        {
            chain = null;
        }

        // Timer ticks and other non-request invocations carry no method options: start no chain for them rather
        // than guess whether they hold the grain.
        if (context.Request is not IRequest request)
        {
            ClearAsyncLocal();
            context.TargetContext.GetComponent<CallChainSlot>()?.Clear();

            return;
        }

        var options = request.Options;
        var isReadOnly = (options & InvokeMethodOptions.ReadOnly) != 0;
        var isInterleaving = (options & InvokeMethodOptions.AlwaysInterleave) != 0;
        var method = MethodNames.Of(context.InterfaceMethod);

        // A turn that holds its activation alone keeps its chain on the activation; turns that may run beside others
        // (reentrant grains, interleaving or read-only methods, a call coming back inside a call-chain reentrancy
        // section) keep theirs in the execution context, which follows each turn through its awaits.
        if (!isReadOnly && !isInterleaving && RequestContext.ReentrancyId == Guid.Empty && targets.BlocksWhileBusy(context.TargetId.Type))
        {
            ClearAsyncLocal();
            CallChainSlot.Of(context.TargetContext).Enter(chain, method);
        }
        else
        {
            CallChainDetection.Current.Value = new CallChain(chain, context.TargetId, method, isReadOnly, isInterleaving, Guid.Empty);
        }
    }

    /// <summary>The chain of the turn that makes a call: its own if it runs beside others, else its activation's.</summary>
    public static CallChain? OfCallingTurn(IGrainContext? source) =>
        CallChainDetection.Current.Value switch
        {
            { } own => ReferenceEquals(own, CallChain.Detached) ? null : own,
            null => source?.GetComponent<CallChainSlot>()?.Current,
        };

    private static void ClearAsyncLocal()
    {
        // Only when set: every change of an AsyncLocal allocates an execution context.
        if (CallChainDetection.Current.Value is not null)
        {
            CallChainDetection.Current.Value = null;
        }
    }
}
