using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Platform.Grains;

namespace Platform.Silo.Tests;

/// <summary>What the host hands Orleans for a command line, read from the built (not started) host.</summary>
public sealed class SiloHostOptionsTests
{
    [Fact]
    public void Probe_timings_from_the_command_line_win_over_every_default()
    {
        using var host = Build("--probe-timeout", "00:00:02", "--missed-probes", "4", "--table-refresh", "00:00:07", "--call-timeout", "00:00:09");

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        membership.ProbeTimeout.ShouldBe(TimeSpan.FromSeconds(2));
        membership.NumMissedProbesLimit.ShouldBe(4);
        membership.TableRefreshTimeout.ShouldBe(TimeSpan.FromSeconds(7));
        host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout.ShouldBe(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void Options_not_given_keep_the_platforms_failure_detection_defaults()
    {
        using var plain = Build();
        using var tuned = Build("--probe-timeout", "00:00:02");

        var platform = plain.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var withOneChange = tuned.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        withOneChange.NumMissedProbesLimit.ShouldBe(platform.NumMissedProbesLimit);
        withOneChange.TableRefreshTimeout.ShouldBe(platform.TableRefreshTimeout);
        withOneChange.NumVotesForDeathDeclaration.ShouldBe(platform.NumVotesForDeathDeclaration);
    }

    [Fact]
    public void Ids_ports_and_zone_reach_orleans()
    {
        using var host = Build("--cluster-id", "prod", "--service-id", "market", "--port", "12000", "--gateway-port", "12001", "--advertise", "10.1.2.3", "--zone", "b");

        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        (cluster.ClusterId, cluster.ServiceId).ShouldBe(("prod", "market"));
        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        (endpoints.SiloPort, endpoints.GatewayPort, endpoints.AdvertisedIPAddress.ToString()).ShouldBe((12000, 12001, "10.1.2.3"));
        host.Services.GetRequiredService<IOptions<SiloMetadata>>().Value.Metadata[ZonePlacement.MetadataKey].ShouldBe("b");
        host.Services.GetRequiredService<IFatalErrorHandler>().ShouldBeOfType<SiloFatalErrorHandler>();
    }

    [Fact]
    public void The_silo_name_leads_with_the_zone_so_the_dashboard_lists_silos_by_zone()
    {
        using var host = Build("--zone", "b", "--port", "12000");

        host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName.ShouldBe($"b/{Dns.GetHostName()}:12000");
    }

    [Fact]
    public void Gateways_shed_load_past_95_percent_CPU_or_90_percent_memory()
    {
        using var host = Build();

        var shedding = host.Services.GetRequiredService<IOptions<LoadSheddingOptions>>().Value;
        shedding.LoadSheddingEnabled.ShouldBeTrue();
        (shedding.CpuThreshold, shedding.MemoryThreshold).ShouldBe((95, 90));
    }

    [Fact]
    public void Load_shedding_thresholds_from_the_command_line_reach_orleans_and_shedding_stays_on()
    {
        using var host = Build("--load-shedding-cpu", "70", "--load-shedding-memory", "80");

        var shedding = host.Services.GetRequiredService<IOptions<LoadSheddingOptions>>().Value;
        (shedding.LoadSheddingEnabled, shedding.CpuThreshold, shedding.MemoryThreshold).ShouldBe((true, 70, 80));
    }

    private static IHost Build(params string[] args) =>
        SiloHost.Build(SiloHostSettingsParser.Parse(args, new Dictionary<string, string>()), logsToStandardError: true);
}
