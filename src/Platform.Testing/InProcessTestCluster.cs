using Microsoft.Extensions.DependencyInjection;
using Platform.Client;
using Platform.EventSourcing;
using Platform.Persistence;
using Platform.Runtime;
using Platform.Runtime.EventSourcing;
using Platform.Runtime.Membership;
using Platform.Runtime.Reminders;
using Platform.Runtime.Storage;

namespace Platform.Testing;

/// <summary>
/// Silos started inside the test process, in the manner of Orleans' InProcessTestCluster: the real runtime, with
/// in-memory storage and reminders unless the builder says otherwise. A clustered test cluster runs one silo per zone
/// over loopback TCP, and silos can be started, stopped gracefully or crashed during a test. Dispose it to stop the rest.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly InProcessTestClusterBuilder _builder;
    private readonly List<(ServiceProvider Services, Silo Silo)> _silos = [];
    private readonly List<ClusterClient> _clients = [];
    private readonly InMemoryMembershipTable _membership = new();
    private readonly MemoryGrainStorage _storage = new();
    private readonly MemoryEventJournal _journal = new(TimeProvider.System);
    private readonly InMemoryReminderTable _reminders = new();
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";

    private InProcessTestCluster(InProcessTestClusterBuilder builder) => _builder = builder;

    public IReadOnlyList<Silo> Silos => _silos.Select(entry => entry.Silo).ToList();

    public Silo PrimarySilo => _silos[0].Silo;

    public IGrainFactory GrainFactory => PrimarySilo.GrainFactory;

    /// <summary>The membership table the clustered silos share.</summary>
    public IMembershipTable MembershipTable => _membership;

    /// <summary>The reminder table the clustered silos share.</summary>
    public IReminderTable ReminderTable => _reminders;

    public static InProcessTestClusterBuilder CreateBuilder() => new();

    internal static async Task<InProcessTestCluster> StartAsync(InProcessTestClusterBuilder builder)
    {
        var cluster = new InProcessTestCluster(builder);
        foreach (var zone in builder.Zones ?? [null!])
        {
            await cluster.StartSiloAsync(zone);
        }

        return cluster;
    }

    /// <summary>Starts another silo (clustered test clusters only) in <paramref name="zone"/>.</summary>
    public async Task<Silo> StartSiloAsync(string zone)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        _builder.ConfigureServices(services);
        services.AddPlatformSilo(silo =>
        {
            _builder.ConfigureSilo(silo);
            if (zone is not null)
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(silo.Options.DefaultStorageName, _storage);
                silo.Services.AddKeyedSingleton<IEventJournal>(IEventJournal.DefaultName, _journal);
                silo.Services.AddSingleton<IReminderTable>(_reminders);
                silo.UseMembershipTable(_membership);
                silo.UseCluster(options =>
                {
                    options.ClusterId = _clusterId;
                    options.Zone = zone;
                    options.Port = 0;
                    options.Membership.ProbePeriod = TimeSpan.FromMilliseconds(500);
                    options.Membership.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    options.Membership.TableRefreshPeriod = TimeSpan.FromMilliseconds(500);
                    options.Membership.IAmAlivePeriod = TimeSpan.FromMilliseconds(500);
                    options.Membership.IAmAliveTimeout = TimeSpan.FromSeconds(2);
                    _builder.ConfigureCluster?.Invoke(options);
                });
            }
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync();
        _silos.Add((provider, silo));
        return silo;
    }

    /// <summary>Stops <paramref name="silo"/> gracefully: it leaves the membership, then deactivates its grains.</summary>
    public async Task StopSiloAsync(Silo silo)
    {
        var entry = _silos.Single(candidate => candidate.Silo == silo);
        _silos.Remove(entry);
        await silo.StopAsync();
        await entry.Services.DisposeAsync();
    }

    /// <summary>
    /// Crashes <paramref name="silo"/> as kill -9 would: its connections drop and it stops answering and heartbeating,
    /// without leaving the membership or deactivating anything. The others must detect it.
    /// </summary>
    public async Task KillSiloAsync(Silo silo)
    {
        var entry = _silos.Single(candidate => candidate.Silo == silo);
        _silos.Remove(entry);
        await silo.CrashAsync();
    }

    /// <summary>
    /// Cuts <paramref name="silo"/> off from the other silos and clients, as a network partition would, while it can
    /// still reach the membership table; <see cref="HealPartition"/> ends it.
    /// </summary>
    public void PartitionSilo(Silo silo) => silo.SetPartitioned(true);

    public void HealPartition(Silo silo) => silo.SetPartitioned(false);

    /// <summary>A client connected to this cluster's silos as gateways; disposed with the cluster.</summary>
    public async Task<ClusterClient> ConnectClientAsync(Action<ClusterClientBuilder>? configure = null)
    {
        var builder = new ClusterClientBuilder()
            .Configure(options => options.ClusterId = _clusterId)
            .UseGateways(_silos.Select(entry => $"{entry.Silo.Address.Host}:{entry.Silo.Address.Port}").ToArray());
        foreach (var assembly in _builder.GrainAssemblies)
        {
            builder.AddGrains(assembly);
        }

        configure?.Invoke(builder);
        var client = await builder.ConnectAsync();
        _clients.Add(client);
        return client;
    }

    /// <summary>Stops every silo gracefully: in-flight turns finish and OnDeactivateAsync runs.</summary>
    public async Task StopAllSilosAsync()
    {
        foreach (var (_, silo) in _silos)
        {
            await silo.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await StopAllSilosAsync();
        foreach (var (services, _) in _silos)
        {
            await services.DisposeAsync();
        }

        _silos.Clear();
    }
}
