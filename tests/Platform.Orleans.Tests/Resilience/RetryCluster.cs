using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Platform.Orleans.Resilience;

namespace Platform.Orleans.Tests.Resilience;

/// <summary>
/// One silo with the platform's call retry and failure detection (which refuses calls past their caller's deadline),
/// and a client with the call retry and a fault injector inside it.
/// </summary>
public sealed class RetryCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    internal FaultInjectionFilter Faults { get; } = new();

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("Not started.")).Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddPlatformCallRetry().UsePlatformFailureDetection());
        builder.ConfigureClient(client =>
        {
            // Registered after the retry filter, so it runs inside it: each attempt the retry makes passes through it.
            client.AddPlatformCallRetry();
            client.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(2));
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(Faults);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
