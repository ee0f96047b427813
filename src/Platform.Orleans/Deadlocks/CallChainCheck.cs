using Microsoft.Extensions.Logging;
using Orleans.CodeGeneration;
using Orleans.Serialization.Invocation;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The outgoing half of deadlock detection, run by <see cref="Hosting.PlatformCallPipeline"/>: refuses, before it is
/// sent, a call to a grain whose turn is waiting further up the call chain and which Orleans would not let in (the call
/// could only wait for its response timeout), and otherwise says which chain the callee must receive. Every call passes
/// here, so the common case only reads and walks the chain, and allocates nothing.
/// </summary>
internal sealed class CallChainCheck(
    TargetConcurrency targets,
    DeadlockInstruments instruments,
    ILogger<CallChainCheck> logger)
{
    /// <summary>The chain the callee must receive, or null when it starts one of its own; throws <see cref="DeadlockException"/>.</summary>
    /// <param name="source">The activation whose turn makes the call; null on clients.</param>
    public CallChain? ChainToSend(IGrainContext? source, GrainId target, IInvokable request)
    {
        if (CallChainTurns.OfCallingTurn(source) is not { } chain)
        {
            return null;
        }

        var options = request is IRequest described ? described.Options : InvokeMethodOptions.None;
        if ((options & InvokeMethodOptions.OneWay) != 0)
        {
            // Nobody waits for a one-way call, so its callee starts a chain of its own.
            return null;
        }

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
            throw Refuse(target, request, chain, waiting);
        }

        // A turn inside RequestContext.AllowCallChainReentrancy() lets calls of that section back in: record it on the
        // turn's hop for the calls that may come back.
        if (reentrancyId != Guid.Empty && chain.ReentrancyId != reentrancyId && source is not null && chain.Grain.Equals(source.GrainId))
        {
            return chain.WithReentrancyId(reentrancyId);
        }

        return chain;
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

    private DeadlockException Refuse(GrainId target, IInvokable request, CallChain chain, CallChain waiting)
    {
        var hops = chain.Describe();
        hops.Add($"{target} {MethodNames.Of(request.GetMethod())}");
        var path = string.Join(" -> ", hops);
        instruments.OnDeadlock(target.Type);
        DeadlockLog.Refused(logger, path);
        return new DeadlockException(
            $"Deadlock: {path}. {target} is not reentrant and is still running {waiting.Method}, which waits for this call. " +
            "Mark the grain class [Reentrant] or the method [AlwaysInterleave], use RequestContext.AllowCallChainReentrancy(), or break the cycle.",
            [.. hops]);
    }
}
