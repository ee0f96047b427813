using Orleans.CodeGeneration;

namespace Platform.Orleans.Deadlocks;

/// <summary>Pushes the turn that starts now onto the call chain its calls carry.</summary>
internal sealed class CallChainIncomingFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var chain = RequestContext.Get(CallChainDetection.RequestContextKey) as CallChain;

        // The chain is only the direct caller's if it ends with that caller. Otherwise it arrived by another route
        // (a stream event, a reminder, a call the caller made without waiting for it to end) and nothing waits on it.
        if (chain is not null && (context.SourceId is not { } source || !chain.Last.Grain.Equals(source)))
        {
            chain = null;
        }

        // Timer ticks and other non-request invocations carry no method options: start no chain for them rather
        // than guess whether they hold the grain.
        if (context.Request is not IRequest request)
        {
            return chain is null ? context.Invoke() : InvokeWithoutChain(context);
        }

        var options = request.Options;
        var hop = new CallChainHop(
            context.TargetId,
            MethodNames.Of(context.InterfaceMethod),
            (options & InvokeMethodOptions.ReadOnly) != 0,
            (options & InvokeMethodOptions.AlwaysInterleave) != 0,
            Guid.Empty);
        return InvokeWithChain(context, chain is null ? CallChain.Start(hop) : chain.Push(hop));
    }

    // Async methods restore the caller's execution context when they return, so the chain set here is seen by the
    // grain's turn only and never leaks back into Orleans' invocation code.
    private static async Task InvokeWithChain(IIncomingGrainCallContext context, CallChain chain)
    {
        RequestContext.Set(CallChainDetection.RequestContextKey, chain);
        await context.Invoke();
    }

    private static async Task InvokeWithoutChain(IIncomingGrainCallContext context)
    {
        RequestContext.Remove(CallChainDetection.RequestContextKey);
        await context.Invoke();
    }
}
