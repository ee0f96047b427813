namespace Platform.Runtime.Membership;

/// <summary>
/// Active silos on a ring sorted by address. Each silo probes the next ones after itself, so with n silos and k
/// targets each every silo is probed by min(k, n - 1) others, and every silo computes the same assignment.
/// </summary>
internal static class SiloRing
{
    public static IComparer<SiloAddress> Order { get; } = Comparer<SiloAddress>.Create(static (left, right) =>
    {
        var byHost = string.CompareOrdinal(left.Host, right.Host);
        if (byHost != 0)
        {
            return byHost;
        }

        var byPort = left.Port.CompareTo(right.Port);
        return byPort != 0 ? byPort : left.Generation.CompareTo(right.Generation);
    });

    /// <summary>The first <paramref name="count"/> silos after <paramref name="self"/> on the ring (self need not be on it).</summary>
    public static IReadOnlyList<SiloAddress> ProbeTargets(ClusterView view, SiloAddress self, int count)
    {
        var others = view.Silos.Where(silo => silo != self).ToList();
        var start = others.FindIndex(silo => Order.Compare(silo, self) > 0);
        if (start < 0)
        {
            start = 0;
        }

        return Enumerable.Range(0, Math.Min(count, others.Count)).Select(step => others[(start + step) % others.Count]).ToList();
    }
}
