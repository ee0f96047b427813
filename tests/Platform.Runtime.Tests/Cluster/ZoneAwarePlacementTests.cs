using Platform.Runtime.Membership;
using Platform.Runtime.Placement;

namespace Platform.Runtime.Tests.Cluster;

public sealed class ZoneAwarePlacementTests
{
    private static readonly GrainId[] Grains = Enumerable.Range(0, 30_000).Select(i => new GrainId("job", $"job-{i}")).ToArray();

    [Fact]
    public void The_hash_is_the_same_in_every_process()
    {
        // string.GetHashCode differs per process; placement must not. FNV-1a 64 of "job" is a published constant shape.
        StableHash.Of("a").ShouldBe(0xaf63dc4c8601ec8cUL);
        StableHash.Of(new GrainId("job", "1")).ShouldBe(StableHash.Combine(StableHash.Of("job"), StableHash.Of("1")));
    }

    [Fact]
    public void Grains_spread_evenly_over_silos_in_all_zones()
    {
        var placement = new ZoneAwarePlacement(1, Silos(("a", 2), ("b", 2), ("c", 2)));
        var counts = Grains.GroupBy(placement.Owner).ToDictionary(group => group.Key, group => group.Count());
        counts.Count.ShouldBe(6);
        foreach (var count in counts.Values)
        {
            count.ShouldBeInRange(4_000, 6_000, "each of 6 silos should own about 5,000 of 30,000 grains");
        }
    }

    [Fact]
    public void Zones_get_equal_shares_and_silos_share_their_zone_evenly()
    {
        var silos = Silos(("a", 1), ("b", 2), ("c", 4));
        var placement = new ZoneAwarePlacement(1, silos);
        var zoneOf = silos.ToDictionary(entry => entry.Silo, entry => entry.Zone);
        var perZone = Grains.GroupBy(grain => zoneOf[placement.Owner(grain)]).ToDictionary(group => group.Key, group => group.Count());
        perZone.Values.ShouldAllBe(count => count >= 9_000 && count <= 11_000, "each of three zones owns about a third");
        var inZoneC = Grains.Select(placement.Owner).Where(owner => zoneOf[owner] == "c").GroupBy(owner => owner).ToList();
        inZoneC.Count.ShouldBe(4);
        inZoneC.ShouldAllBe(group => group.Count() >= 2_000 && group.Count() <= 3_000);
    }

    [Fact]
    public void A_new_silo_takes_grains_only_from_its_zone_and_nothing_else_moves()
    {
        var silos = Silos(("a", 1), ("b", 1), ("c", 1));
        var before = new ZoneAwarePlacement(1, silos);
        var joined = new MembershipEntry(new SiloAddress("127.0.0.1", 30_000, 1), "b", SiloStatus.Active, default, default, []);
        var after = new ZoneAwarePlacement(2, [.. silos, joined]);
        var moved = Grains.Where(grain => after.Owner(grain) != before.Owner(grain)).ToList();
        moved.ShouldAllBe(grain => after.Owner(grain) == joined.Silo && before.Owner(grain) == silos[1].Silo);
        moved.Count.ShouldBeInRange(4_000, 6_000, "the new silo takes about half of its zone's grains");
    }

    [Fact]
    public void Losing_a_silo_moves_only_its_grains_and_keeps_them_in_its_zone()
    {
        var silos = Silos(("a", 2), ("b", 2), ("c", 2));
        var before = new ZoneAwarePlacement(1, silos);
        var lost = silos[0];
        var after = new ZoneAwarePlacement(2, silos.Skip(1).ToList());
        var zoneOf = silos.ToDictionary(entry => entry.Silo, entry => entry.Zone);

        foreach (var grain in Grains)
        {
            var oldOwner = before.Owner(grain);
            var newOwner = after.Owner(grain);
            if (oldOwner == lost.Silo)
            {
                zoneOf[newOwner].ShouldBe(lost.Zone);
            }
            else
            {
                newOwner.ShouldBe(oldOwner, "grains of surviving silos stay where they are");
            }
        }
    }

    [Fact]
    public void Losing_a_zone_spreads_its_grains_over_the_other_zones()
    {
        var silos = Silos(("a", 1), ("b", 1), ("c", 1));
        var before = new ZoneAwarePlacement(1, silos);
        var after = new ZoneAwarePlacement(2, silos.Where(entry => entry.Zone != "a").ToList());
        var moved = Grains.Where(grain => before.Owner(grain) == silos[0].Silo).Select(after.Owner).GroupBy(owner => owner).ToList();
        moved.Count.ShouldBe(2);
        moved.Min(group => group.Count()).ShouldBeGreaterThan(moved.Max(group => group.Count()) * 3 / 4);
    }

    [Fact]
    public void A_restarted_silo_gets_its_grains_back()
    {
        var silos = Silos(("a", 1), ("b", 1));
        var restarted = silos.Select(entry => entry with { Silo = entry.Silo with { Generation = entry.Silo.Generation + 100 } }).ToList();
        var before = new ZoneAwarePlacement(1, silos);
        var after = new ZoneAwarePlacement(2, restarted);
        foreach (var grain in Grains.Take(2_000))
        {
            after.Owner(grain).Endpoint.ShouldBe(before.Owner(grain).Endpoint);
        }
    }

    [Fact]
    public void An_empty_view_says_no_silo_is_active()
    {
        var error = Should.Throw<SiloUnavailableException>(() => new ZoneAwarePlacement(1, []).Owner(Grains[0]));
        error.Message.ShouldBe("No silo is active in the cluster, so no silo can host the grain.");
    }

    private static List<MembershipEntry> Silos(params (string Zone, int Count)[] zones)
    {
        var port = 20_000;
        return zones
            .SelectMany(zone => Enumerable.Range(0, zone.Count).Select(_ => new MembershipEntry(
                new SiloAddress("127.0.0.1", port++, 1), zone.Zone, SiloStatus.Active, default, default, [])))
            .ToList();
    }
}
