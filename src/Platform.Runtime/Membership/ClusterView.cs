namespace Platform.Runtime.Membership;

/// <summary>
/// The active members as last read from the membership table, in ring order (host, port, generation): the same order
/// on every silo, so that whatever is derived from it (probe targets, placement) agrees across the cluster.
/// </summary>
/// <param name="Self">The silo holding this view; null on a client.</param>
public sealed record ClusterView(long Version, IReadOnlyList<MembershipEntry> ActiveSilos, SiloAddress? Self)
{
    /// <summary>The view before the table was first read.</summary>
    public static ClusterView Empty(SiloAddress? self) => new(-1, [], self);

    public static ClusterView From(MembershipSnapshot snapshot, SiloAddress? self)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var active = snapshot.Entries
            .Where(entry => entry.Status == SiloStatus.Active)
            .OrderBy(entry => entry.Silo, SiloRing.Order)
            .ToList();
        return new ClusterView(snapshot.Version, active, self);
    }

    public IEnumerable<SiloAddress> Silos => ActiveSilos.Select(entry => entry.Silo);

    /// <summary>The zones that have at least one active silo, in ordinal order.</summary>
    public IEnumerable<string> Zones => ActiveSilos.Select(entry => entry.Zone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public bool IsActive(SiloAddress silo) => ActiveSilos.Any(entry => entry.Silo == silo);

    /// <summary>Same silos in the same zones; heartbeats and votes do not count as a change.</summary>
    internal bool HasSameMembers(ClusterView other) =>
        ActiveSilos.Select(entry => (entry.Silo, entry.Zone)).SequenceEqual(other.ActiveSilos.Select(entry => (entry.Silo, entry.Zone)));
}
