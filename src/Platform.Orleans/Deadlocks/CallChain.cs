namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The grain turns waiting on the current call, as an immutable list linked from the innermost turn to the outermost.
/// Travels in <see cref="RequestContext"/>; immutable so Orleans neither copies it for local calls nor lets one call's
/// change leak into another's. Linked rather than an array so that pushing a turn costs one allocation, whatever the depth.
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
