using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Platform.Matching.Hosting;
using Platform.Streams.Hosting;

namespace Platform.Grains.Tests.Support;

/// <summary>What every test silo of the marketplace gets, whatever its storage: what the platform's silo gets too.</summary>
public static class MarketplaceSilo
{
    /// <summary>Memory streams, matching with the local embedding generator and the in-memory index, and simulated payments, as embedded.</summary>
    public static IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Provider"] = "Memory",
            ["Streams:Memory:Partitions"] = "2",
            ["Matching:Dimensions"] = "256",

            // A job asks its escrow contract whether it holds money before a hire ends.
            ["Payments:Provider"] = "Simulated",

            // The default lease on the tests' clock; the expiry check runs on real time, so a short one keeps tests quick.
            ["Alerts:ExpiryCheckInterval"] = "00:00:01",
        })
        .Build();

    /// <summary>
    /// Zone metadata, the platform's streams, matching and escrow, the test clock as the grains' <see cref="TimeProvider"/> and the
    /// notification inbox, the alerts' embedded push outbox. Storage, PubSubStore and the journal are the caller's.
    /// </summary>
    public static ISiloBuilder AddMarketplace(this ISiloBuilder silo, FakeTimeProvider clock, NotificationInbox inbox)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacement.MetadataKey] = "test" });
        silo.AddPlatformStreams(Configuration.GetSection("Streams"));
        silo.AddPlatformMatching(Configuration.GetSection("Matching"));
        silo.AddPlatformEscrow(Configuration.GetSection("Payments"));
        silo.Services.AddSingleton<TimeProvider>(clock);

        // Every clock Orleans resolves by area keeps real time, the grain-timer area included: the stream pulling agents
        // run on those timers and would never poll on a clock that only moves when a test says so.
        silo.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
        silo.Services.AddSingleton(inbox);
        silo.AddPlatformAlerts(Configuration.GetSection("Alerts"));
        return silo;
    }
}
