using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;
using Platform.Grains.Streams;
using Platform.Streams.Hosting;

namespace Platform.Grains.Tests;

/// <summary>
/// AddPlatformStreams: the memory provider by default (the marketplace tests run on it end to end), Azure Event Hubs by
/// configuration. No Event Hubs namespace is reachable here, so the Event Hubs side is tested up to the configuration
/// Orleans receives, and every mistake must be reported by key before the silo starts.
/// </summary>
public sealed class StreamsConfigurationTests
{
    private const string ConnectionString =
        "Endpoint=sb://platform.servicebus.windows.net/;SharedAccessKeyName=silo;SharedAccessKey=c2VjcmV0LWtleQ==";

    [Theory]
    [InlineData(null)]
    [InlineData("memory")]
    public void The_memory_provider_is_the_default(string? provider)
    {
        using var host = Build(new() { ["Streams:Provider"] = provider, ["Streams:Memory:Partitions"] = "4" });

        host.Services.GetRequiredKeyedService<IStreamProvider>(PlatformStreams.ProviderName).ShouldNotBeNull();
        host.Services.GetRequiredService<IOptionsMonitor<HashRingStreamQueueMapperOptions>>().Get(PlatformStreams.ProviderName).TotalQueueCount.ShouldBe(4);
        host.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(PlatformStreams.ProviderName).GetQueueMsgsTimerPeriod
            .ShouldBe(TimeSpan.FromMilliseconds(20));
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("EventHubs")]
    public void The_polling_period_reaches_the_pulling_agents_of_either_provider(string provider)
    {
        using var host = Build(new()
        {
            ["Streams:Provider"] = provider,
            ["Streams:PollingPeriod"] = "00:00:00.050",
            ["Streams:EventHubs:ConnectionString"] = provider == "EventHubs" ? $"{ConnectionString};EntityPath=jobs" : null,
        });

        host.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(PlatformStreams.ProviderName).GetQueueMsgsTimerPeriod
            .ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Event_Hubs_with_a_connection_string_and_the_grain_checkpointer_reach_Orleans_as_configured()
    {
        using var host = Build(new()
        {
            ["Streams:Provider"] = "EventHubs",
            ["Streams:EventHubs:ConnectionString"] = ConnectionString,
            ["Streams:EventHubs:HubName"] = "jobs",
            ["Streams:EventHubs:ConsumerGroup"] = "silos",
            ["Streams:EventHubs:CheckpointInterval"] = "00:00:30",
        });

        var eventHub = host.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get(PlatformStreams.ProviderName);
        new EventHubOptionsValidator(eventHub, PlatformStreams.ProviderName).ValidateConfiguration();
        var checkpointer = host.Services.GetRequiredService<IOptionsMonitor<GrainStreamQueueCheckpointerOptions>>().Get(PlatformStreams.ProviderName);
        checkpointer.StorageProviderName.ShouldBe("PubSubStore");
        checkpointer.PersistInterval.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Event_Hubs_with_a_namespace_identity_and_an_Azure_table_checkpointer_reach_Orleans_as_configured()
    {
        using var host = Build(new()
        {
            ["Streams:Provider"] = "EventHubs",
            ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net",
            ["Streams:EventHubs:HubName"] = "jobs",
            ["Streams:EventHubs:Checkpointer"] = "AzureTable",
            ["Streams:EventHubs:CheckpointTable"] = "PlatformCheckpoints",
            ["Streams:EventHubs:CheckpointTableServiceUri"] = "https://platform.table.core.windows.net",
        });

        new EventHubOptionsValidator(host.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get(PlatformStreams.ProviderName), PlatformStreams.ProviderName)
            .ValidateConfiguration();
        var table = host.Services.GetRequiredService<IOptionsMonitor<AzureTableStreamCheckpointerOptions>>().Get(PlatformStreams.ProviderName);
        table.TableName.ShouldBe("PlatformCheckpoints");
        table.TableServiceClient!.Uri.ShouldBe(new Uri("https://platform.table.core.windows.net"));
    }

    [Fact]
    public void The_hub_may_come_from_the_connection_strings_entity_path()
    {
        Should.NotThrow(() => Build(new()
        {
            ["Streams:Provider"] = "EventHubs",
            ["Streams:EventHubs:ConnectionString"] = $"{ConnectionString};EntityPath=jobs",
        }).Dispose());
    }

    public static TheoryData<Dictionary<string, string?>, string[]> InvalidSections() => new()
    {
        { new() { ["Streams:Provider"] = "Kafka" }, ["Streams:Provider is 'Kafka', which is not a stream provider; use Memory or EventHubs."] },
        { new() { ["Streams:Provider"] = "1" }, ["Streams:Provider is '1', which is not a stream provider; use Memory or EventHubs."] },
        { new() { ["Streams:Memory:Partitions"] = "0" }, ["Streams:Memory:Partitions must be a whole number from 1 to 256; it is '0'."] },
        { new() { ["Streams:PollingPeriod"] = "00:00:00.001" }, ["Streams:PollingPeriod must be a time span from 00:00:00.0050000 to 00:00:10 such as 00:00:00.020; it is '00:00:00.001'."] },
        { new() { ["Streams:PollingPeriod"] = "often" }, ["Streams:PollingPeriod must be a time span from 00:00:00.0050000 to 00:00:10 such as 00:00:00.020; it is 'often'."] },
        { new() { ["Streams:Memory:Partitions"] = "eight" }, ["Streams:Memory:Partitions must be a whole number from 1 to 256; it is 'eight'."] },
        {
            new() { ["Streams:Provider"] = "Memory", ["Streams:Partitions"] = "8" },
            ["Streams:Partitions is not a streams setting; the settings here are Provider, PollingPeriod, Memory, EventHubs."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs" },
            [
                "Streams:EventHubs needs ConnectionString (shared access key) or FullyQualifiedNamespace (Azure identity); neither is set.",
                "Streams:EventHubs:HubName is required (the connection string names no event hub in EntityPath).",
            ]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:ConnectionString"] = ConnectionString },
            ["Streams:EventHubs:HubName is required (the connection string names no event hub in EntityPath)."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:ConnectionString"] = "this is not one", ["Streams:EventHubs:HubName"] = "jobs" },
            ["Streams:EventHubs:ConnectionString is malformed: The connection string could not be parsed; either it was malformed or contains no well-known tokens."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:ConnectionString"] = "Endpoint=sb://platform.servicebus.windows.net/;SharedAccessKeyName=silo", ["Streams:EventHubs:HubName"] = "jobs" },
            ["Streams:EventHubs:ConnectionString is malformed: it needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:ConnectionString"] = "SharedAccessKeyName=silo;SharedAccessKey=c2VjcmV0", ["Streams:EventHubs:HubName"] = "jobs" },
            ["Streams:EventHubs:ConnectionString is malformed: it has no Endpoint=sb://<namespace>.servicebus.windows.net/."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:ConnectionString"] = $"{ConnectionString};EntityPath=orders", ["Streams:EventHubs:HubName"] = "jobs" },
            ["Streams:EventHubs:HubName is 'jobs' but the connection string's EntityPath is 'orders'; they must name the same event hub."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:ConnectionString"] = ConnectionString, ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs" },
            ["Streams:EventHubs:ConnectionString and Streams:EventHubs:FullyQualifiedNamespace are both set; set one of them."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "sb://platform.servicebus.windows.net/", ["Streams:EventHubs:HubName"] = "jobs" },
            ["Streams:EventHubs:FullyQualifiedNamespace must be a host name such as platform.servicebus.windows.net; it is 'sb://platform.servicebus.windows.net/'."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "-jobs" },
            ["Streams:EventHubs:HubName '-jobs' is not an event hub name: 1 to 256 letters, digits, '.', '-' and '_', starting and ending with a letter or digit."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs", ["Streams:EventHubs:ConsumerGroup"] = "$silos" },
            ["Streams:EventHubs:ConsumerGroup '$silos' is not a consumer group name: $Default, or 1 to 50 letters, digits, '.', '-' and '_', starting and ending with a letter or digit."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs", ["Streams:EventHubs:Checkpointer"] = "Blob" },
            ["Streams:EventHubs:Checkpointer is 'Blob', which is not a checkpointer; use Grain or AzureTable."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs", ["Streams:EventHubs:Checkpointer"] = "AzureTable", ["Streams:EventHubs:CheckpointTable"] = "check-points" },
            [
                "Streams:EventHubs:CheckpointTable 'check-points' is not an Azure table name: 3 to 63 letters and digits, starting with a letter.",
                "Streams:EventHubs:Checkpointer AzureTable needs CheckpointTableConnectionString or CheckpointTableServiceUri; neither is set.",
            ]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs", ["Streams:EventHubs:Checkpointer"] = "AzureTable", ["Streams:EventHubs:CheckpointTableServiceUri"] = "http://platform.table.core.windows.net" },
            ["Streams:EventHubs:CheckpointTableServiceUri must be an absolute https URI such as https://account.table.core.windows.net; it is 'http://platform.table.core.windows.net'."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs", ["Streams:EventHubs:CheckpointInterval"] = "-00:01:00" },
            ["Streams:EventHubs:CheckpointInterval must be a positive time span such as 00:01:00; it is '-00:01:00'."]
        },
        {
            new() { ["Streams:Provider"] = "EventHubs", ["Streams:EventHubs:FullyQualifiedNamespace"] = "platform.servicebus.windows.net", ["Streams:EventHubs:HubName"] = "jobs", ["Streams:EventHubs:PartitionCount"] = "4" },
            ["Streams:EventHubs:PartitionCount is not a streams setting; the settings here are ConnectionString, FullyQualifiedNamespace, HubName, ConsumerGroup, Checkpointer, CheckpointStorage, CheckpointTable, CheckpointTableConnectionString, CheckpointTableServiceUri, CheckpointInterval."]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidSections))]
    public void A_wrong_section_is_refused_listing_every_problem_by_key(Dictionary<string, string?> settings, string[] errors)
    {
        var refused = Should.Throw<StreamsConfigurationException>(() => Build(settings).Dispose());

        refused.Errors.ShouldBe(errors);
        refused.Message.ShouldContain(errors[0]);
        refused.Message.ShouldNotContain("c2VjcmV0", customMessage: "a connection string's secret never appears in an error");
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddPlatformStreams(configuration.GetSection("Streams"));
        });
        return builder.Build();
    }
}
