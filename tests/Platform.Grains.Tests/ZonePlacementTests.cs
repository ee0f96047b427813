using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using Platform.Grains.Jobs;

namespace Platform.Grains.Tests;

/// <summary>
/// Three silos, two in zone a and one in zone b: jobs first called from a zone-a silo are placed on the zone-a silos only.
/// (From the lone zone-b silo the filter lets every silo compete, having fewer than <see cref="ZonePlacement.MinimumCandidates"/>
/// zone silos; Orleans' resource-optimised placement then still favours the calling silo, so that case proves nothing.)
/// </summary>
public sealed class ZonePlacementTests : IAsyncLifetime
{
    private static readonly string[] Zones = ["a", "a", "b"];

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((options, silo) =>
        {
            var zone = Zones[int.Parse(options.SiloName[^1..], System.Globalization.CultureInfo.InvariantCulture)];
            silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacement.MetadataKey] = zone });
            silo.AddMemoryGrainStorageAsDefault();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await _cluster.WaitForLivenessToStabilizeAsync();
    }

    [Fact]
    public async Task Jobs_activated_from_a_zone_with_enough_silos_stay_in_that_zone()
    {
        var zoneOf = _cluster.Silos.ToDictionary(silo => silo.SiloAddress, silo => ZoneOf(silo.SiloAddress));
        var caller = _cluster.Silos.First(silo => zoneOf[silo.SiloAddress] == "a");
        var grains = _cluster.GetSiloServiceProvider(caller.SiloAddress).GetRequiredService<IGrainFactory>();
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);

        // Resource-optimised placement chooses among the candidates by load statistics that silos publish periodically,
        // so which zone-a silo a burst of activations lands on depends on when the statistics changed: keep activating
        // until both zone-a silos took some (or a bound is reached), and look at where every one of them went.
        var hosts = new List<SiloAddress>();
        for (var i = 0; i < 400 && (i < 40 || hosts.Distinct().Count() < 2); i++)
        {
            var job = grains.GetGrain<IJobGrain>($"zones/a-{i}");
            await job.Get();
            hosts.Add(await management.GetActivationAddress(job) ?? throw new InvalidOperationException($"job {i} has no activation"));
            if (i >= 40)
            {
                await Task.Delay(50);
            }
        }

        hosts.Select(host => zoneOf[host]).Distinct().ShouldBe(["a"]);
        hosts.Distinct().Count().ShouldBe(2, "both silos of zone a take new jobs, not only the caller's");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string ZoneOf(SiloAddress silo) =>
        _cluster.GetSiloServiceProvider(silo).GetRequiredService<Microsoft.Extensions.Options.IOptions<SiloMetadata>>().Value.Metadata[ZonePlacement.MetadataKey];
}
