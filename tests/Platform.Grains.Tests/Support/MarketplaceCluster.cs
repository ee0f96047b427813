using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using Platform.EventSourcing;
using Platform.Matching;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// One in-process Orleans silo hosting the marketplace grains on in-memory storage, streams and journal, shared by every
/// grain test (each test uses keys of its own), plus helpers to look behind the grains.
/// </summary>
public sealed class MarketplaceCluster : IAsyncLifetime
{
    /// <summary>Where the test clock starts; tests only ever move it forward and place shifts relative to it.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The tenant of tests that need no tenant of their own.</summary>
    public const string Tenant = "acme";

    private readonly Action<ISiloBuilder>? _tune;
    private InProcessTestCluster? _cluster;

    /// <summary>The shared cluster, as xunit builds its fixture.</summary>
    public MarketplaceCluster()
    {
    }

    private MarketplaceCluster(Action<ISiloBuilder> tune) => _tune = tune;

    public FakeTimeProvider Clock { get; } = new(Epoch);

    public NotificationInbox Inbox { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider();

    public IGrainStorage Storage => SiloServices.GetRequiredKeyedService<IGrainStorage>("Default");

    public FailingGrainStorage FailingStorage => (FailingGrainStorage)Storage;

    public IFreelancerMatchIndex MatchIndex => SiloServices.GetRequiredService<IFreelancerMatchIndex>();

    public IEventJournal Journal => SiloServices.GetRequiredKeyedService<IEventJournal>(IEventJournal.DefaultName);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("Memory");
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                "Default", (services, _) => new FailingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("Memory")));

            // [PersistentState] without a storage name asks for the unkeyed service, as Orleans' own Add...AsDefault registers it.
            silo.Services.AddSingleton(services => services.GetRequiredKeyedService<IGrainStorage>("Default"));
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryEventJournal();
            silo.UseInMemoryReminderService();
            silo.AddMarketplace(Clock, Inbox);
            _tune?.Invoke(silo);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>A cluster of its own for a test that changes how the silo behaves (<paramref name="tune"/> runs last); dispose it.</summary>
    public static async Task<MarketplaceCluster> StartAsync(Action<ISiloBuilder> tune)
    {
        var cluster = new MarketplaceCluster(tune);
        await cluster.InitializeAsync();
        return cluster;
    }

    /// <summary>A tenant no other test uses: matching and the index see only this test's freelancers.</summary>
    public static string NewTenant() => $"t-{Guid.NewGuid():N}"[..10];

    /// <summary>A grain key "tenant/prefix-xxxxxxxx" no other test uses, readable in failure messages.</summary>
    public static string NewKey(string prefix, string tenant = Tenant) => $"{tenant}/{prefix}-{Guid.NewGuid():N}"[..(tenant.Length + prefix.Length + 10)];

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
