namespace Platform.Orleans.Deadlocks;

/// <summary>One grain turn on a call chain: the grain, the method it runs, and how that turn lets other calls in.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.call-chain-hop")]
internal sealed class CallChainHop(GrainId grain, string method, bool isReadOnly, bool isInterleaving, Guid reentrancyId)
{
    [Id(0)]
    public GrainId Grain { get; } = grain;

    /// <summary>"Interface.Method", from a per-method cache, so building a hop allocates no string.</summary>
    [Id(1)]
    public string Method { get; } = method;

    /// <summary>The turn runs a [ReadOnly] method: Orleans lets other [ReadOnly] calls interleave with it.</summary>
    [Id(2)]
    public bool IsReadOnly { get; } = isReadOnly;

    /// <summary>The turn runs an [AlwaysInterleave] method, which never holds the grain.</summary>
    [Id(3)]
    public bool IsInterleaving { get; } = isInterleaving;

    /// <summary>The call-chain reentrancy section (<see cref="RequestContext.AllowCallChainReentrancy"/>) the turn opened, if any.</summary>
    [Id(4)]
    public Guid ReentrancyId { get; } = reentrancyId;

    public CallChainHop WithReentrancyId(Guid reentrancyId) => new(Grain, Method, IsReadOnly, IsInterleaving, reentrancyId);

    public override string ToString() => $"{Grain} {Method}";
}
