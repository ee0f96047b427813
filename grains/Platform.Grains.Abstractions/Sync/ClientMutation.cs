namespace Platform.Grains.Sync;

/// <summary>One write a device made to one entry.</summary>
/// <param name="TransactionHash">Identifies the write: the same hash is never applied twice.</param>
/// <param name="DeviceId">The device that made the write.</param>
/// <param name="VectorClock">
/// Counter per device id: the device's own counter (at least 1) after this write, merged with the
/// <see cref="ServerChange.VectorClock"/> of the entry as the device last saw it. A write that dominates the clock of what
/// the server holds replaces it whatever the timestamps say.
/// </param>
/// <param name="Entity">The kind of entry: "draft", "saved-search", "note".</param>
/// <param name="Key">The entry within its entity.</param>
/// <param name="Value">The new value, at most <see cref="MaxValueBytes"/> in UTF-8; null deletes the entry.</param>
/// <param name="ClientTimestamp">When the device made the write, by its own clock.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.ClientMutation")]
public sealed record ClientMutation(
    [property: Id(0)] string TransactionHash,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] IReadOnlyDictionary<string, long> VectorClock,
    [property: Id(3)] string Entity,
    [property: Id(4)] string Key,
    [property: Id(5)] string? Value,
    [property: Id(6)] DateTimeOffset ClientTimestamp)
{
    public const int MaxValueBytes = 64 * 1024;
}
