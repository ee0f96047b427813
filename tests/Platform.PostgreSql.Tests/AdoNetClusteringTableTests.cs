using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace Platform.PostgreSql.Tests;

/// <summary>
/// Orleans' own ADO.NET membership table on our queries, for the calls a short-lived test cluster never makes. The 10.4
/// provider cleans up through the optional CleanupDefunctSiloEntryKey when it is present, so this runs that row.
/// </summary>
public sealed class AdoNetClusteringTableTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Dead_silos_are_cleaned_up_and_live_ones_kept()
    {
        var table = await CreateTableAsync("cleanup-provider");
        var dead = Entry(1, SiloStatus.Active);
        var live = Entry(2, SiloStatus.Active);
        (await table.InsertRowAsync(dead, (await table.ReadAllAsync()).Version)).ShouldBeTrue();
        (await table.InsertRowAsync(live, (await table.ReadAllAsync()).Version)).ShouldBeTrue();
        dead.Status = SiloStatus.Dead;
        var before = await table.ReadAllAsync();
        (await table.UpdateRowAsync(dead, before.Version.VersionEtag, before.Version)).ShouldBeTrue();
        (await table.UpdateRowAsync(dead, before.Version.VersionEtag, before.Version)).ShouldBeFalse("the table version moved on");

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));

        var after = await table.ReadAllAsync();
        after.Members.Select(member => member.Item1.SiloAddress.Generation).ShouldBe([2]);
        after.Version.Version.ShouldBe(before.Version.Version + 1, "a clean-up is no membership change");
    }

    private async Task<AdoNetClusteringTable> CreateTableAsync(string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", DataSource = database.DataSource }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Entry(int generation, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), generation),
        SiloName = $"silo-{generation}",
        HostName = "host",
        Status = status,
        ProxyPort = 30000,
        StartTime = DateTime.UtcNow.AddMinutes(-5),
        IAmAliveTime = DateTime.UtcNow.AddMinutes(-5),
    };
}
