using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.EventSourcing;
using Platform.Persistence;
using Platform.Runtime.EventSourcing;
using Platform.Runtime.Membership;
using Platform.Runtime.Metadata;
using Platform.Runtime.Reminders;
using Platform.Runtime.Storage;

namespace Platform.Runtime;

/// <summary>Configures the silo registered by <see cref="SiloServiceCollectionExtensions.AddPlatformSilo"/>.</summary>
public sealed class SiloBuilder
{
    private readonly GrainTypeRegistry _registry;

    internal SiloBuilder(IServiceCollection services, GrainTypeRegistry registry, SiloOptions options)
    {
        Services = services;
        _registry = registry;
        Options = options;
    }

    public IServiceCollection Services { get; }

    public SiloOptions Options { get; }

    /// <summary>Hosts the grain classes and proxies generated for <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _registry.AddAssembly(assembly);
        return this;
    }

    public SiloBuilder AddGrains<TMarker>() => AddGrains(typeof(TMarker).Assembly);

    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    public SiloBuilder AddMemoryGrainStorage(string name = "Default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.AddKeyedSingleton<IGrainStorage, MemoryGrainStorage>(name);
        return this;
    }

    /// <summary>An event journal named <paramref name="name"/> in the silo's memory: lost when the process exits.</summary>
    public SiloBuilder AddMemoryEventJournal(string name = IEventJournal.DefaultName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.AddKeyedSingleton<IEventJournal, MemoryEventJournal>(name);
        return this;
    }

    public SiloBuilder UseReminderTable<TTable>()
        where TTable : class, IReminderTable
    {
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, TTable>());
        return this;
    }

    /// <summary>Runs <paramref name="startup"/> when the silo starts, before it takes calls; a failure stops the start.</summary>
    public SiloBuilder OnStarting(Func<IServiceProvider, Task> startup)
    {
        ArgumentNullException.ThrowIfNull(startup);
        Services.AddSingleton(new SiloStartupTask(startup));
        return this;
    }

    /// <summary>
    /// Makes the silo a cluster member: it listens for silos and clients, joins the membership table (in memory unless
    /// another is registered with <see cref="UseMembershipTable"/>) and places grains on the active silos.
    /// </summary>
    public SiloBuilder UseCluster(Action<ClusterOptions>? configure = null)
    {
        var options = new ClusterOptions();
        configure?.Invoke(options);
        options.Validate();
        Services.Replace(ServiceDescriptor.Singleton(options));
        Services.TryAddSingleton<IMembershipTable, InMemoryMembershipTable>();
        return this;
    }

    public SiloBuilder UseMembershipTable(IMembershipTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Services.Replace(ServiceDescriptor.Singleton(table));
        return this;
    }

    public SiloBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Services.Replace(ServiceDescriptor.Singleton(timeProvider));
        return this;
    }
}
