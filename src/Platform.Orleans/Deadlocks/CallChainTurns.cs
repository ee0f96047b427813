using Orleans.CodeGeneration;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The incoming half of deadlock detection, run by <see cref="Hosting.PlatformIncomingCallFilter"/>: pushes the turn that
/// starts now onto the call chain its calls carry.
/// </summary>
internal sealed class CallChainTurns
{
    /// <summary>
    /// Sets the call chain of the turn <paramref name="context"/> starts. The caller must be a synchronous call filter:
    /// Orleans runs each filter stage in an async method, which restores the execution context when it returns, so the
    /// value set here is seen by the grain's turn (and the stages inside it) only, never by Orleans' invocation code,
    /// without an async wrapper of our own.
    /// </summary>
    public void EnterTurn(IIncomingGrainCallContext context)
    {
        var chain = RequestContext.Get(CallChainDetection.RequestContextKey) as CallChain;

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
            if (chain is not null)
            {
                RequestContext.Remove(CallChainDetection.RequestContextKey);
            }

            return;
        }

        var options = request.Options;
        RequestContext.Set(
            CallChainDetection.RequestContextKey,
            new CallChain(
                chain,
                context.TargetId,
                MethodNames.Of(context.InterfaceMethod),
                (options & InvokeMethodOptions.ReadOnly) != 0,
                (options & InvokeMethodOptions.AlwaysInterleave) != 0,
                Guid.Empty));
    }
}
