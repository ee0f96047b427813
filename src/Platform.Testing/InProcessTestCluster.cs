using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime;

namespace Platform.Testing;

/// <summary>
/// Silos started inside the test process, in the manner of Orleans' InProcessTestCluster: the real runtime, with
/// in-memory storage and reminders unless the builder says otherwise. Dispose it to stop the silos gracefully.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly List<(ServiceProvider Services, Silo Silo)> _silos = [];

    private InProcessTestCluster()
    {
    }

    public IReadOnlyList<Silo> Silos => _silos.Select(entry => entry.Silo).ToList();

    public Silo PrimarySilo => _silos[0].Silo;

    public IGrainFactory GrainFactory => PrimarySilo.GrainFactory;

    public static InProcessTestClusterBuilder CreateBuilder() => new();

    internal static async Task<InProcessTestCluster> StartAsync(InProcessTestClusterBuilder builder)
    {
        var cluster = new InProcessTestCluster();
        var services = new ServiceCollection();
        services.AddLogging();
        builder.ConfigureServices(services);
        services.AddPlatformSilo(builder.ConfigureSilo);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync();
        cluster._silos.Add((provider, silo));
        return cluster;
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
        await StopAllSilosAsync();
        foreach (var (services, _) in _silos)
        {
            await services.DisposeAsync();
        }

        _silos.Clear();
    }
}
