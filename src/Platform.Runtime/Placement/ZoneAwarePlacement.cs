using Platform.Runtime.Membership;

namespace Platform.Runtime.Placement;

/// <summary>
/// Decides which active silo owns a grain, from the membership view alone, so that every silo and client computes the
/// same owner without a directory: rendezvous hashing picks a zone, then rendezvous hashing picks a silo inside it.
/// When a silo leaves or joins, only the grains it owned (or takes over) move, and they stay in its zone; when a whole
/// zone leaves, its grains spread evenly over the others. Zones get equal shares, so zones are meant to be sized
/// alike (one Deployment per zone with the same replica count). Silos are hashed by endpoint, not generation, so a
/// restarted silo gets its grains back. See docs/architecture.md for why this beats a directory here.
/// </summary>
internal sealed class ZoneAwarePlacement
{
    private readonly Zone[] _zones;

    public ZoneAwarePlacement(long version, IReadOnlyList<MembershipEntry> activeSilos)
    {
        Version = version;
        _zones = activeSilos
            .GroupBy(entry => entry.Zone, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new Zone(
                StableHash.Of(group.Key),
                group.OrderBy(entry => entry.Silo.Endpoint, StringComparer.Ordinal)
                    .Select(entry => (StableHash.Of(entry.Silo.Endpoint), entry.Silo))
                    .ToArray()))
            .ToArray();
    }

    /// <summary>The membership version this placement was computed from.</summary>
    public long Version { get; }

    public bool IsEmpty => _zones.Length == 0;

    public bool Contains(SiloAddress silo) => _zones.Any(zone => zone.Silos.Any(entry => entry.Silo == silo));

    public SiloAddress Owner(GrainId grainId) => Owner(StableHash.Of(grainId));

    public SiloAddress Owner(ulong grainHash)
    {
        if (_zones.Length == 0)
        {
            throw new SiloUnavailableException("No silo is active in the cluster, so no silo can host the grain.", mayHaveRun: false);
        }

        // Unweighted on purpose: a zone's share must not depend on its silo count, or losing one silo would move grains
        // of the zone's surviving silos to other zones.
        var zone = _zones[0];
        var best = 0UL;
        foreach (var candidate in _zones)
        {
            var score = StableHash.Combine(grainHash, candidate.Hash);
            if (score >= best)
            {
                best = score;
                zone = candidate;
            }
        }

        var owner = zone.Silos[0].Silo;
        var highest = 0UL;
        foreach (var (hash, silo) in zone.Silos)
        {
            var score = StableHash.Combine(grainHash, hash);
            if (score >= highest)
            {
                highest = score;
                owner = silo;
            }
        }

        return owner;
    }

    private sealed record Zone(ulong Hash, (ulong Hash, SiloAddress Silo)[] Silos);
}
