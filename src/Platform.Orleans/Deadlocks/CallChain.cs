namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The grain turns waiting on the current call, outermost first. Travels in <see cref="RequestContext"/>; immutable so
/// Orleans neither copies it for local calls nor lets one call's change leak into another's.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.call-chain")]
internal sealed class CallChain(CallChainHop[] hops)
{
    [Id(0)]
    public CallChainHop[] Hops { get; } = hops;

    public CallChainHop Last => Hops[^1];

    public static CallChain Start(CallChainHop hop) => new([hop]);

    public CallChain Push(CallChainHop hop)
    {
        var hops = new CallChainHop[Hops.Length + 1];
        Hops.CopyTo(hops, 0);
        hops[^1] = hop;
        return new CallChain(hops);
    }

    public CallChain WithLast(CallChainHop hop)
    {
        var hops = (CallChainHop[])Hops.Clone();
        hops[^1] = hop;
        return new CallChain(hops);
    }

    public int IndexOf(GrainId grain)
    {
        var hops = Hops;
        for (var i = 0; i < hops.Length; i++)
        {
            if (hops[i].Grain.Equals(grain))
            {
                return i;
            }
        }

        return -1;
    }
}
