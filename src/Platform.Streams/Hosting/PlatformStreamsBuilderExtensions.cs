using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Platform.Grains.Streams;

namespace Platform.Streams.Hosting;

/// <summary>Registers the stream provider the marketplace publishes on (<see cref="PlatformStreams.ProviderName"/>), as configuration chooses.</summary>
public static class PlatformStreamsBuilderExtensions
{
    /// <summary>
    /// Adds the platform's stream provider from <paramref name="section"/> (by convention the <c>Streams</c> section;
    /// docs/domain.md lists the keys): Orleans memory streams when <c>Provider</c> is missing or <c>Memory</c>, Azure
    /// Event Hubs when it is <c>EventHubs</c>. Both keep subscriptions in the grain storage named <c>PubSubStore</c>,
    /// which the silo must register (memory or PostgreSQL).
    /// </summary>
    /// <exception cref="StreamsConfigurationException">The section is incomplete or wrong; the message lists every problem by key.</exception>
    public static ISiloBuilder AddPlatformStreams(this ISiloBuilder silo, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var settings = StreamsSettings.Read(section);
        return settings.Provider == StreamProviderKind.EventHubs
            ? silo.AddEventHubStreams(PlatformStreams.ProviderName, configurator =>
            {
                configurator.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = settings.PollingPeriod));
                Configure(configurator, settings.EventHubs!);
            })
            : silo.AddMemoryStreams(PlatformStreams.ProviderName, configurator =>
            {
                configurator.ConfigurePartitioning(settings.MemoryPartitions);
                configurator.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = settings.PollingPeriod));
            });
    }

    private static void Configure(ISiloEventHubStreamConfigurator configurator, EventHubsSettings settings)
    {
        configurator.ConfigureEventHub(builder => builder.Configure(options =>
        {
            if (settings.ConnectionString is { } connectionString)
            {
                options.ConfigureEventHubConnection(connectionString, settings.HubName, settings.ConsumerGroup);
            }
            else
            {
                // Managed or workload identity in Azure, the developer's login elsewhere.
                options.ConfigureEventHubConnection(settings.FullyQualifiedNamespace!, settings.HubName, settings.ConsumerGroup, new DefaultAzureCredential());
            }
        }));

        if (settings.Checkpointer == CheckpointerKind.Grain)
        {
            configurator.UseGrainCheckpointer(builder => builder.Configure(options =>
            {
                options.StorageProviderName = settings.CheckpointStorage;
                options.PersistInterval = settings.CheckpointInterval;
            }));
            return;
        }

        configurator.UseAzureTableCheckpointer(builder => builder.Configure(options =>
        {
            options.TableName = settings.CheckpointTable;
            options.PersistInterval = settings.CheckpointInterval;
            options.TableServiceClient = settings.CheckpointTableConnectionString is { } tableConnectionString
                ? new TableServiceClient(tableConnectionString)
                : new TableServiceClient(settings.CheckpointTableServiceUri!, new DefaultAzureCredential());
        }));
    }
}
