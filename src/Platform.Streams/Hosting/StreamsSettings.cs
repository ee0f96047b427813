using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Messaging.EventHubs;
using Microsoft.Extensions.Configuration;

namespace Platform.Streams.Hosting;

/// <summary>
/// The streams configuration section, read and validated in one pass so that one start-up reports every mistake, each
/// naming its key by full path. Nothing here talks to Azure: a namespace that does not exist is only found when the
/// silo connects.
/// </summary>
/// <param name="PollingPeriod">How often each queue's pulling agent asks its queue for events: the longest an event waits on an idle queue.</param>
internal sealed partial record StreamsSettings(StreamProviderKind Provider, int MemoryPartitions, TimeSpan PollingPeriod, EventHubsSettings? EventHubs)
{
    public const int DefaultMemoryPartitions = 8;

    public const int MaxMemoryPartitions = 256;

    public const string DefaultConsumerGroup = "$Default";

    public const string DefaultCheckpointStorage = "PubSubStore";

    public const string DefaultCheckpointTable = "Checkpoint";

    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// 20 ms rather than Orleans' 100 ms: an alert waits on its queue half a period on average, and the alerts promise a
    /// second end to end. Each agent then polls 50 times a second, a local grain call each on memory streams.
    /// </summary>
    public static readonly TimeSpan DefaultPollingPeriod = TimeSpan.FromMilliseconds(20);

    public static readonly TimeSpan MinPollingPeriod = TimeSpan.FromMilliseconds(5);

    public static readonly TimeSpan MaxPollingPeriod = TimeSpan.FromSeconds(10);

    private static readonly string[] SectionKeys = ["Provider", "PollingPeriod", "Memory", "EventHubs"];

    private static readonly string[] MemoryKeys = ["Partitions"];

    private static readonly string[] EventHubsKeys =
    [
        "ConnectionString", "FullyQualifiedNamespace", "HubName", "ConsumerGroup", "Checkpointer", "CheckpointStorage",
        "CheckpointTable", "CheckpointTableConnectionString", "CheckpointTableServiceUri", "CheckpointInterval",
    ];

    /// <exception cref="StreamsConfigurationException">Anything is missing or wrong; the exception lists every problem.</exception>
    public static StreamsSettings Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var path = section is IConfigurationSection named ? named.Path : null;
        CheckKnownKeys(section, path, SectionKeys, errors);

        var providerValue = Value(section, "Provider");
        StreamProviderKind provider;
        if (providerValue is null || Is(providerValue, nameof(StreamProviderKind.Memory)))
        {
            provider = StreamProviderKind.Memory;
        }
        else if (Is(providerValue, nameof(StreamProviderKind.EventHubs)))
        {
            provider = StreamProviderKind.EventHubs;
        }
        else
        {
            errors.Add($"{Join(path, "Provider")} is '{providerValue}', which is not a stream provider; use Memory or EventHubs.");
            throw new StreamsConfigurationException(errors);
        }

        var pollingPeriod = DefaultPollingPeriod;
        if (Value(section, "PollingPeriod") is { } pollingText
            && !(TimeSpan.TryParse(pollingText, CultureInfo.InvariantCulture, out pollingPeriod) && pollingPeriod >= MinPollingPeriod && pollingPeriod <= MaxPollingPeriod))
        {
            errors.Add($"{Join(path, "PollingPeriod")} must be a time span from {MinPollingPeriod} to {MaxPollingPeriod} such as 00:00:00.020; it is '{pollingText}'.");
        }

        var memory = section.GetSection("Memory");
        var partitions = DefaultMemoryPartitions;
        EventHubsSettings? eventHubs = null;
        if (provider == StreamProviderKind.Memory)
        {
            CheckKnownKeys(memory, Join(path, "Memory"), MemoryKeys, errors);
            if (Value(memory, "Partitions") is { } text
                && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out partitions) && partitions is >= 1 and <= MaxMemoryPartitions))
            {
                errors.Add($"{Join(path, "Memory:Partitions")} must be a whole number from 1 to {MaxMemoryPartitions}; it is '{text}'.");
            }
        }
        else
        {
            eventHubs = ReadEventHubs(section.GetSection("EventHubs"), Join(path, "EventHubs"), errors);
        }

        return errors.Count == 0 ? new StreamsSettings(provider, partitions, pollingPeriod, eventHubs) : throw new StreamsConfigurationException(errors);
    }

    private static EventHubsSettings ReadEventHubs(IConfiguration section, string path, List<string> errors)
    {
        CheckKnownKeys(section, path, EventHubsKeys, errors);
        var connectionString = Value(section, "ConnectionString");
        var fullyQualifiedNamespace = Value(section, "FullyQualifiedNamespace");
        var hubName = Value(section, "HubName");
        string? entityPath = null;
        if (connectionString is null && fullyQualifiedNamespace is null)
        {
            errors.Add($"{path} needs ConnectionString (shared access key) or FullyQualifiedNamespace (Azure identity); neither is set.");
        }
        else if (connectionString is not null && fullyQualifiedNamespace is not null)
        {
            errors.Add($"{path}:ConnectionString and {path}:FullyQualifiedNamespace are both set; set one of them.");
        }
        else if (connectionString is not null)
        {
            entityPath = CheckConnectionString(connectionString, $"{path}:ConnectionString", errors);
        }
        else if (!IsNamespaceHost(fullyQualifiedNamespace!))
        {
            errors.Add($"{path}:FullyQualifiedNamespace must be a host name such as platform.servicebus.windows.net; it is '{fullyQualifiedNamespace}'.");
        }

        if (hubName is null)
        {
            hubName = entityPath;
            if (hubName is null)
            {
                errors.Add($"{path}:HubName is required (the connection string names no event hub in EntityPath).");
            }
        }
        else if (entityPath is not null && entityPath != hubName)
        {
            errors.Add($"{path}:HubName is '{hubName}' but the connection string's EntityPath is '{entityPath}'; they must name the same event hub.");
        }

        if (hubName is not null && !HubNamePattern().IsMatch(hubName))
        {
            errors.Add(
                $"{path}:HubName '{hubName}' is not an event hub name: 1 to 256 letters, digits, '.', '-' and '_', starting and ending with a letter or digit.");
        }

        var consumerGroup = Value(section, "ConsumerGroup") ?? DefaultConsumerGroup;
        if (consumerGroup != DefaultConsumerGroup && !ConsumerGroupPattern().IsMatch(consumerGroup))
        {
            errors.Add(
                $"{path}:ConsumerGroup '{consumerGroup}' is not a consumer group name: $Default, or 1 to 50 letters, digits, '.', '-' and '_', starting and ending with a letter or digit.");
        }

        var checkpointerValue = Value(section, "Checkpointer");
        var checkpointer = CheckpointerKind.Grain;
        if (checkpointerValue is not null && !Is(checkpointerValue, nameof(CheckpointerKind.Grain)))
        {
            if (Is(checkpointerValue, nameof(CheckpointerKind.AzureTable)))
            {
                checkpointer = CheckpointerKind.AzureTable;
            }
            else
            {
                errors.Add($"{path}:Checkpointer is '{checkpointerValue}', which is not a checkpointer; use Grain or AzureTable.");
            }
        }

        var storage = Value(section, "CheckpointStorage") ?? DefaultCheckpointStorage;
        var table = Value(section, "CheckpointTable") ?? DefaultCheckpointTable;
        var tableConnectionString = Value(section, "CheckpointTableConnectionString");
        var tableServiceUriValue = Value(section, "CheckpointTableServiceUri");
        Uri? tableServiceUri = null;
        if (checkpointer == CheckpointerKind.AzureTable)
        {
            if (!TableNamePattern().IsMatch(table))
            {
                errors.Add($"{path}:CheckpointTable '{table}' is not an Azure table name: 3 to 63 letters and digits, starting with a letter.");
            }

            if (tableConnectionString is null && tableServiceUriValue is null)
            {
                errors.Add($"{path}:Checkpointer AzureTable needs CheckpointTableConnectionString or CheckpointTableServiceUri; neither is set.");
            }
            else if (tableConnectionString is not null && tableServiceUriValue is not null)
            {
                errors.Add($"{path}:CheckpointTableConnectionString and {path}:CheckpointTableServiceUri are both set; set one of them.");
            }
            else if (tableConnectionString is not null)
            {
                CheckTableConnectionString(tableConnectionString, $"{path}:CheckpointTableConnectionString", errors);
            }
            else if (!(Uri.TryCreate(tableServiceUriValue, UriKind.Absolute, out tableServiceUri) && tableServiceUri.Scheme == Uri.UriSchemeHttps))
            {
                errors.Add($"{path}:CheckpointTableServiceUri must be an absolute https URI such as https://account.table.core.windows.net; it is '{tableServiceUriValue}'.");
            }
        }

        var interval = DefaultCheckpointInterval;
        if (Value(section, "CheckpointInterval") is { } intervalText
            && !(TimeSpan.TryParse(intervalText, CultureInfo.InvariantCulture, out interval) && interval > TimeSpan.Zero))
        {
            errors.Add($"{path}:CheckpointInterval must be a positive time span such as 00:01:00; it is '{intervalText}'.");
        }

        return new EventHubsSettings(
            connectionString,
            fullyQualifiedNamespace,
            hubName ?? string.Empty,
            consumerGroup,
            checkpointer,
            storage,
            table,
            tableConnectionString,
            tableServiceUri,
            interval);
    }

    /// <returns>The connection string's EntityPath, if it names one.</returns>
    /// <remarks>Messages never repeat the connection string: it holds a secret.</remarks>
    private static string? CheckConnectionString(string connectionString, string key, List<string> errors)
    {
        EventHubsConnectionStringProperties properties;
        try
        {
            properties = EventHubsConnectionStringProperties.Parse(connectionString);
        }
        catch (Exception error) when (error is FormatException or UriFormatException)
        {
            errors.Add($"{key} is malformed: {error.Message}");
            return null;
        }

        if (properties.Endpoint is null)
        {
            errors.Add($"{key} is malformed: it has no Endpoint=sb://<namespace>.servicebus.windows.net/.");
        }

        if (properties.SharedAccessSignature is null && (properties.SharedAccessKeyName is null || properties.SharedAccessKey is null))
        {
            errors.Add($"{key} is malformed: it needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature.");
        }

        return string.IsNullOrEmpty(properties.EventHubName) ? null : properties.EventHubName;
    }

    private static void CheckTableConnectionString(string connectionString, string key, List<string> errors)
    {
        try
        {
            // Parses the connection string and nothing more: the client connects on first use.
            _ = new TableServiceClient(connectionString);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or InvalidOperationException)
        {
            errors.Add($"{key} is malformed: {error.Message}");
        }
    }

    private static bool IsNamespaceHost(string value) =>
        Uri.CheckHostName(value) == UriHostNameType.Dns && value.Contains('.', StringComparison.Ordinal);

    private static void CheckKnownKeys(IConfiguration section, string? path, string[] known, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{Join(path, child.Key)} is not a streams setting; the settings here are {string.Join(", ", known)}.");
            }
        }
    }

    /// <summary>The trimmed value, or null when the key is missing or blank.</summary>
    private static string? Value(IConfiguration section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool Is(string value, string name) => string.Equals(value, name, StringComparison.OrdinalIgnoreCase);

    private static string Join(string? path, string key) => string.IsNullOrEmpty(path) ? key : $"{path}:{key}";

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$")]
    private static partial Regex HubNamePattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,48}[A-Za-z0-9])?$")]
    private static partial Regex ConsumerGroupPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
