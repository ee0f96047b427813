using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime;

namespace Platform.Testing;

/// <summary>Configures an <see cref="InProcessTestCluster"/>.</summary>
public sealed class InProcessTestClusterBuilder
{
    private readonly List<Action<SiloBuilder>> _siloConfigurations = [];
    private readonly List<Action<IServiceCollection>> _serviceConfigurations = [];

    public InProcessTestClusterBuilder AddGrains(Assembly assembly)
    {
        GrainAssemblies.Add(assembly);
        _siloConfigurations.Add(silo => silo.AddGrains(assembly));
        return this;
    }

    internal List<Assembly> GrainAssemblies { get; } = [];

    public InProcessTestClusterBuilder ConfigureSilo(Action<SiloBuilder> configure)
    {
        _siloConfigurations.Add(configure);
        return this;
    }

    public InProcessTestClusterBuilder ConfigureOptions(Action<SiloOptions> configure) => ConfigureSilo(silo => silo.Configure(configure));

    public InProcessTestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        _serviceConfigurations.Add(configure);
        return this;
    }

    public InProcessTestClusterBuilder UseTimeProvider(TimeProvider timeProvider) => ConfigureSilo(silo => silo.UseTimeProvider(timeProvider));

    /// <summary>
    /// Starts one clustered silo per zone instead of a single standalone silo. They listen on free loopback ports, share
    /// an in-memory membership table, grain storage, event journal and reminder table (standing in for PostgreSQL, so
    /// state outlives a silo), and use fast failure-detection timings unless <paramref name="configure"/> changes them.
    /// </summary>
    public InProcessTestClusterBuilder WithClusterSilos(IEnumerable<string> zones, Action<ClusterOptions>? configure = null)
    {
        Zones = zones.ToList();
        if (Zones.Count == 0)
        {
            throw new ArgumentException("Give at least one zone.", nameof(zones));
        }

        ConfigureCluster = configure;
        return this;
    }

    public Task<InProcessTestCluster> BuildAndStartAsync() => InProcessTestCluster.StartAsync(this);

    internal IReadOnlyList<string>? Zones { get; private set; }

    internal Action<ClusterOptions>? ConfigureCluster { get; private set; }

    internal void ConfigureSilo(SiloBuilder silo)
    {
        foreach (var configure in _siloConfigurations)
        {
            configure(silo);
        }
    }

    internal void ConfigureServices(IServiceCollection services)
    {
        foreach (var configure in _serviceConfigurations)
        {
            configure(services);
        }
    }
}
