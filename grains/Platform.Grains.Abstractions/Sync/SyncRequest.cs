namespace Platform.Grains.Sync;

/// <summary>A batch of writes one device made offline.</summary>
/// <param name="DeviceId">The sending device; every mutation of the batch must be its own.</param>
/// <param name="Cursor">The last sequence the device has seen: 0 on its first sync.</param>
/// <param name="Mutations">At most <see cref="MaxMutations"/>, applied in this order; may be empty to only fetch changes.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.SyncRequest")]
public sealed record SyncRequest(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] long Cursor,
    [property: Id(2)] IReadOnlyList<ClientMutation> Mutations)
{
    public const int MaxMutations = 500;
}
