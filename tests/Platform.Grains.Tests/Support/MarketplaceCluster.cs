using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// One in-process Orleans silo hosting the marketplace grains on in-memory storage, shared by every grain test (each
/// test uses grain ids of its own), plus helpers to look behind the grains.
/// </summary>
public sealed class MarketplaceCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public IGrainFactory Grains => Cluster.Client;

    public IGrainStorage Storage => Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>("Default");

    public FailingGrainStorage FailingStorage => (FailingGrainStorage)Storage;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // Silos of the platform always publish their zone; the grains' placement filter reads it.
            silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacement.MetadataKey] = "test" });
            silo.AddMemoryGrainStorage("Memory");
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                "Default", (services, _) => new FailingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("Memory")));

            // [PersistentState] without a storage name asks for the unkeyed service, as Orleans' own Add...AsDefault registers it.
            silo.Services.AddSingleton(services => services.GetRequiredKeyedService<IGrainStorage>("Default"));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>A grain id no other test uses, readable in failure messages.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>Deactivates the grain and waits until it is gone, so the next call re-reads its stored state.</summary>
    public async Task DeactivateAsync(IAddressable grain)
    {
        await Cluster.DeactivateAsync(grain);
        (await Cluster.Client.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)grain)).ShouldBe(0);
    }

    /// <summary>What storage holds for a grain, or null when nothing was ever written.</summary>
    public async Task<T?> ReadStoredAsync<T>(string grainType, string key, string stateName)
        where T : class
    {
        var state = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, GrainId.Create(grainType, key), state);
        return state.RecordExists ? state.State : null;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
