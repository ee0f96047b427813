using Microsoft.Extensions.Logging;
using Orleans.CodeGeneration;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// Refuses, before it is sent, a call to a grain whose turn is waiting further up the call chain and which Orleans
/// would not let in: the call could only wait for its response timeout.
/// </summary>
internal sealed class DeadlockDetectionFilter(
    TargetConcurrency targets,
    DeadlockInstruments instruments,
    ILogger<DeadlockDetectionFilter> logger) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (RequestContext.Get(CallChainDetection.RequestContextKey) is not CallChain chain)
        {
            return context.Invoke();
        }

        var options = context.Request is IRequest request ? request.Options : InvokeMethodOptions.None;
        if ((options & InvokeMethodOptions.OneWay) != 0)
        {
            // Nobody waits for a one-way call, so its callee starts a chain of its own.
            return InvokeWithoutChain(context);
        }

        var reentrancyId = RequestContext.ReentrancyId;
        var index = chain.IndexOf(context.TargetId);
        if (index >= 0)
        {
            for (; index < chain.Hops.Length; index++)
            {
                var hop = chain.Hops[index];
                if (hop.Grain.Equals(context.TargetId) && WouldWait(hop, options, reentrancyId, context.TargetId.Type))
                {
                    return Task.FromException(Refuse(context, chain, hop));
                }
            }
        }

        // A turn inside RequestContext.AllowCallChainReentrancy() lets calls of that section back in: record it on the
        // turn's hop for the calls that may come back.
        if (reentrancyId != Guid.Empty && context.SourceId is { } source && chain.Last.Grain.Equals(source) && chain.Last.ReentrancyId != reentrancyId)
        {
            return InvokeWithChain(context, chain.WithLast(chain.Last.WithReentrancyId(reentrancyId)));
        }

        return context.Invoke();
    }

    /// <summary>Mirrors the rules by which an Orleans activation busy with <paramref name="hop"/> admits another call.</summary>
    private bool WouldWait(CallChainHop hop, InvokeMethodOptions options, Guid reentrancyId, GrainType targetType)
    {
        if (hop.IsInterleaving || (options & InvokeMethodOptions.AlwaysInterleave) != 0)
        {
            return false;
        }

        if (hop.IsReadOnly && (options & InvokeMethodOptions.ReadOnly) != 0)
        {
            return false;
        }

        if (reentrancyId != Guid.Empty && hop.ReentrancyId == reentrancyId)
        {
            return false;
        }

        return targets.BlocksWhileBusy(targetType);
    }

    private DeadlockException Refuse(IOutgoingGrainCallContext context, CallChain chain, CallChainHop waiting)
    {
        var hops = new string[chain.Hops.Length + 1];
        for (var i = 0; i < chain.Hops.Length; i++)
        {
            hops[i] = chain.Hops[i].ToString();
        }

        hops[^1] = $"{context.TargetId} {MethodNames.Of(context.InterfaceMethod)}";
        var path = string.Join(" -> ", hops);
        instruments.OnDeadlock(context.TargetId.Type);
        DeadlockLog.Refused(logger, path);
        return new DeadlockException(
            $"Deadlock: {path}. {context.TargetId} is not reentrant and is still running {waiting.Method}, which waits for this call. " +
            "Mark the grain class [Reentrant] or the method [AlwaysInterleave], use RequestContext.AllowCallChainReentrancy(), or break the cycle.",
            hops);
    }

    private static async Task InvokeWithChain(IOutgoingGrainCallContext context, CallChain chain)
    {
        RequestContext.Set(CallChainDetection.RequestContextKey, chain);
        await context.Invoke();
    }

    private static async Task InvokeWithoutChain(IOutgoingGrainCallContext context)
    {
        RequestContext.Remove(CallChainDetection.RequestContextKey);
        await context.Invoke();
    }
}
