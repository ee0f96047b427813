using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using Platform.EventSourcing;
using Platform.Grains;
using Platform.Orleans.Hosting;
using Platform.Payments.Simulated;
using Platform.Streams.Hosting;

namespace Platform.Escrow.Tests;

/// <summary>
/// An xunit fixture: one in-process silo with the platform's extensions, the escrow grains and their payments, memory
/// streams and the alert grains (which receive what contracts tell their parties), on the storage a subclass chooses
/// (which registers <c>PubSubStore</c> too); every test uses contracts (and a tenant) of its own.
/// </summary>
public abstract class EscrowCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    public IGrainFactory Grains => Cluster.Client;

    internal SimulatedFaults Faults => Cluster.GetSiloServiceProvider().GetRequiredService<SimulatedFaults>();

    public IEventJournal Journal => Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IEventJournal>(IEventJournal.DefaultName);

    public virtual async Task InitializeAsync()
    {
        var payments = new ConfigurationBuilder().AddInMemoryCollection(PaymentSettings().Select(setting => KeyValuePair.Create($"Payments:{setting.Key}", setting.Value))).Build();
        var streams = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Streams:Provider", (string?)"Memory")]).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureStorage(silo);
            silo.AddPlatformExtensions().AddPlatformEscrow(payments.GetSection("Payments"));
            silo.AddPlatformStreams(streams.GetSection("Streams")).AddPlatformAlerts(streams.GetSection("Alerts"));

            // The alert grains are placed by zone.
            silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacement.MetadataKey] = "test" });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    protected abstract void ConfigureStorage(ISiloBuilder silo);

    protected virtual IEnumerable<KeyValuePair<string, string?>> PaymentSettings() => [KeyValuePair.Create("Provider", (string?)"Simulated")];
}
