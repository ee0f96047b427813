using Microsoft.Extensions.Logging;
using Orleans.CodeGeneration;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// Refuses, before it is sent, a call to a grain whose turn is waiting further up the call chain and which Orleans
/// would not let in: the call could only wait for its response timeout. Every call passes here, so the common case
/// (target not on the chain) only reads and walks the chain, and allocates nothing.
/// </summary>
internal sealed class DeadlockDetectionFilter(
    TargetConcurrency targets,
    DeadlockInstruments instruments,
    ILogger<DeadlockDetectionFilter> logger) : IOutgoingGrainCallFilter
{
    // Synchronous on purpose: Orleans runs each filter stage in an async method, which restores the execution context
    // when it returns, so a RequestContext change made here reaches the message this call sends and nothing else.
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
            RequestContext.Remove(CallChainDetection.RequestContextKey);
            return context.Invoke();
        }

        var target = context.TargetId;
        var reentrancyId = RequestContext.ReentrancyId;
        // The outermost waiting turn is the one the message names: the whole cycle hangs on it.
        CallChain? waiting = null;
        for (var turn = chain; turn is not null; turn = turn.Caller)
        {
            if (turn.Grain.Equals(target) && WouldWait(turn, options, reentrancyId, target.Type))
            {
                waiting = turn;
            }
        }

        if (waiting is not null)
        {
            return Task.FromException(Refuse(context, chain, waiting));
        }

        // A turn inside RequestContext.AllowCallChainReentrancy() lets calls of that section back in: record it on the
        // turn's hop for the calls that may come back.
        if (reentrancyId != Guid.Empty && chain.ReentrancyId != reentrancyId && context.SourceId is { } source && chain.Grain.Equals(source))
        {
            RequestContext.Set(CallChainDetection.RequestContextKey, chain.WithReentrancyId(reentrancyId));
        }

        return context.Invoke();
    }

    /// <summary>Mirrors the rules by which an Orleans activation busy with <paramref name="turn"/> admits another call.</summary>
    private bool WouldWait(CallChain turn, InvokeMethodOptions options, Guid reentrancyId, GrainType targetType)
    {
        if (turn.IsInterleaving || (options & InvokeMethodOptions.AlwaysInterleave) != 0)
        {
            return false;
        }

        if (turn.IsReadOnly && (options & InvokeMethodOptions.ReadOnly) != 0)
        {
            return false;
        }

        if (reentrancyId != Guid.Empty && turn.ReentrancyId == reentrancyId)
        {
            return false;
        }

        return targets.BlocksWhileBusy(targetType);
    }

    private DeadlockException Refuse(IOutgoingGrainCallContext context, CallChain chain, CallChain waiting)
    {
        var hops = chain.Describe();
        hops.Add($"{context.TargetId} {MethodNames.Of(context.InterfaceMethod)}");
        var path = string.Join(" -> ", hops);
        instruments.OnDeadlock(context.TargetId.Type);
        DeadlockLog.Refused(logger, path);
        return new DeadlockException(
            $"Deadlock: {path}. {context.TargetId} is not reentrant and is still running {waiting.Method}, which waits for this call. " +
            "Mark the grain class [Reentrant] or the method [AlwaysInterleave], use RequestContext.AllowCallChainReentrancy(), or break the cycle.",
            [.. hops]);
    }
}
