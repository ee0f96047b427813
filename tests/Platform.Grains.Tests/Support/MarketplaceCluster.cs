using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;
using Platform.Testing;

namespace Platform.Grains.Tests.Support;

/// <summary>A one-silo test cluster hosting the marketplace grains on a manual clock, plus helpers to look behind the grains.</summary>
public sealed class MarketplaceCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private MarketplaceCluster(InProcessTestCluster cluster, ManualTimeProvider time)
    {
        Cluster = cluster;
        Time = time;
    }

    public InProcessTestCluster Cluster { get; }

    public ManualTimeProvider Time { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public IGrainStorage Storage => Cluster.PrimarySilo.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    /// <param name="storage">Replaces the default in-memory storage, e.g. with one that fails on demand.</param>
    public static async Task<MarketplaceCluster> StartAsync(IGrainStorage? storage = null)
    {
        var time = new ManualTimeProvider(Start);
        var builder = InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(MarketplaceGrains).Assembly)
            .UseTimeProvider(time);
        if (storage is not null)
        {
            // Registered before the silo's own default, which is only added when none is registered yet.
            builder.ConfigureServices(services => services.AddKeyedSingleton("Default", storage));
        }

        return new MarketplaceCluster(await builder.BuildAndStartAsync(), time);
    }

    /// <summary>Lets every activation go idle past the collection age, so the next call re-reads durable state.</summary>
    public async Task CollectAllActivationsAsync()
    {
        Time.Advance(TimeSpan.FromMinutes(16));
        await Eventually.Until(() => Cluster.PrimarySilo.ActivationCount == 0, "every idle activation was collected");
    }

    /// <summary>The stored JSON of a grain's state, or null when no record exists.</summary>
    public async Task<JsonElement?> ReadStoredAsync(string grainType, string key, string stateName)
    {
        var record = await Storage.ReadAsync(new GrainId(grainType, key), stateName, CancellationToken.None);
        return record is null ? null : JsonDocument.Parse(record.Data).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
