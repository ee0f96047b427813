namespace Platform.Streams.Hosting;

/// <summary>The validated <c>EventHubs</c> settings; exactly one of <see cref="ConnectionString"/> and <see cref="FullyQualifiedNamespace"/> is set.</summary>
internal sealed record EventHubsSettings(
    string? ConnectionString,
    string? FullyQualifiedNamespace,
    string HubName,
    string ConsumerGroup,
    CheckpointerKind Checkpointer,
    string CheckpointStorage,
    string CheckpointTable,
    string? CheckpointTableConnectionString,
    Uri? CheckpointTableServiceUri,
    TimeSpan CheckpointInterval);
