using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Platform.Orleans.Resilience;
using Platform.Orleans.Tests.Support;

namespace Platform.Orleans.Tests.Resilience;

/// <summary>
/// One silo with the platform's call retry and failure detection (which refuses calls past their caller's deadline) and
/// a memory stream provider, and a client with the call retry and a fault injector inside it.
/// </summary>
public sealed class RetryCluster() : ConfiguredTestCluster(1)
{
    internal FaultInjectionFilter Faults { get; } = new();

    protected override void Configure(InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo
            .AddPlatformCallRetry()
            .UsePlatformFailureDetection()
            .AddMemoryStreams(DeadlineEvents.Provider)
            .AddMemoryGrainStorage("PubSubStore"));
        builder.ConfigureClient(client =>
        {
            // Registered after the retry filter, so it runs inside it: each attempt the retry makes passes through it.
            client.AddPlatformCallRetry();
            client.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(2));
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(Faults);
        });
    }
}
