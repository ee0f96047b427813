namespace Platform.Streams.Hosting;

/// <summary>Where Event Hubs readers keep how far they have read each partition (<c>EventHubs:Checkpointer</c>).</summary>
internal enum CheckpointerKind
{
    /// <summary>In an Orleans grain storage (<c>PubSubStore</c> by default: PostgreSQL on a production silo).</summary>
    Grain,

    /// <summary>In an Azure Storage table.</summary>
    AzureTable,
}
