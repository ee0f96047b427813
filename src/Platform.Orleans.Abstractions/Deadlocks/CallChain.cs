using Orleans;
using Orleans.Runtime;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The grain turns waiting on the current call, as an immutable list linked from the innermost turn to the outermost.
/// A turn keeps its chain on its activation, or in <see cref="CallChainDetection.Current"/> when it may run beside other
/// turns of the activation; a call hands it to the callee beside the request
/// when the callee is active on the same silo, and in <see cref="RequestContext"/> otherwise. Immutable so Orleans never
/// copies it and no call's change leaks into another's; linked so that pushing a turn costs one allocation.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.call-chain")]
internal sealed class CallChain(CallChain? caller, GrainId grain, string method, bool isReadOnly, bool isInterleaving, Guid reentrancyId)
{
    /// <summary>The turn waiting on this one, or null for the outermost turn.</summary>
    [Id(0)]
    public CallChain? Caller { get; } = caller;

    [Id(1)]
    public GrainId Grain { get; } = grain;

    /// <summary>"Interface.Method", from a per-method cache, so pushing a turn builds no string.</summary>
    [Id(2)]
    public string Method { get; } = method;

    /// <summary>The turn runs a [ReadOnly] method: Orleans lets other [ReadOnly] calls interleave with it.</summary>
    [Id(3)]
    public bool IsReadOnly { get; } = isReadOnly;

    /// <summary>The turn runs an [AlwaysInterleave] method, which never holds the grain.</summary>
    [Id(4)]
    public bool IsInterleaving { get; } = isInterleaving;

    /// <summary>The call-chain reentrancy section (<see cref="RequestContext.AllowCallChainReentrancy"/>) the turn opened, if any.</summary>
    [Id(5)]
    public Guid ReentrancyId { get; } = reentrancyId;

    /// <summary>Marks a scope of <see cref="CallChainDetection.DetachCallChain"/>: its calls start chains of their own.</summary>
    public static CallChain Detached { get; } = new(null, default, "detached", false, false, Guid.Empty);

    public CallChain WithReentrancyId(Guid reentrancyId) => new(Caller, Grain, Method, IsReadOnly, IsInterleaving, reentrancyId);

    /// <summary>Every turn as "grain id Interface.Method", outermost first; built only to report a deadlock.</summary>
    public List<string> Describe()
    {
        var hops = new List<string>();
        for (var turn = this; turn is not null; turn = turn.Caller)
        {
            hops.Add($"{turn.Grain} {turn.Method}");
        }

        hops.Reverse();
        return hops;
    }
}
