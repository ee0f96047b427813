namespace Platform.Streams.Hosting;

/// <summary>The values of the <c>Provider</c> setting.</summary>
internal enum StreamProviderKind
{
    /// <summary>Orleans memory streams: in the silos' memory, lost with them; the embedded default and the tests'.</summary>
    Memory,

    /// <summary>Azure Event Hubs: durable, partitioned, for production.</summary>
    EventHubs,
}
