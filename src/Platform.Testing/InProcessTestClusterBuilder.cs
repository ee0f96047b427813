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
        _siloConfigurations.Add(silo => silo.AddGrains(assembly));
        return this;
    }

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

    public Task<InProcessTestCluster> BuildAndStartAsync() => InProcessTestCluster.StartAsync(this);

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
