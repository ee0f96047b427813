namespace Platform.Grains.Sync;

/// <summary>An entry as the server holds it after its latest change.</summary>
/// <param name="Sequence">The user's sequence number of that change.</param>
/// <param name="Value">The winning write's value; null when the entry was deleted.</param>
/// <param name="VectorClock">
/// What a write must dominate to replace the entry: the merge of the winning write's clock and those of concurrent writes
/// that lost. A device bases its next write to the entry on it.
/// </param>
/// <param name="DeviceId">The device of the winning write.</param>
/// <param name="TransactionHash">The winning write.</param>
/// <param name="Timestamp">The winning write's effective timestamp: its client timestamp, clamped to when the server received it.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.ServerChange")]
public sealed record ServerChange(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Entity,
    [property: Id(2)] string Key,
    [property: Id(3)] string? Value,
    [property: Id(4)] IReadOnlyDictionary<string, long> VectorClock,
    [property: Id(5)] string DeviceId,
    [property: Id(6)] string TransactionHash,
    [property: Id(7)] DateTimeOffset Timestamp);
