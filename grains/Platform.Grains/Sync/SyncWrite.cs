namespace Platform.Grains.Sync;

/// <summary>A client write as an entry keeps it.</summary>
/// <param name="Timestamp">The effective timestamp: the client's, clamped to when the server received the write.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.SyncWrite")]
internal sealed record SyncWrite(
    [property: Id(0)] string TransactionHash,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] IReadOnlyDictionary<string, long> VectorClock,
    [property: Id(3)] string? Value,
    [property: Id(4)] DateTimeOffset Timestamp);
