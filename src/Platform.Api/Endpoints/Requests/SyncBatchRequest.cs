using System.ComponentModel.DataAnnotations;
using Platform.Grains.Sync;

namespace Platform.Api.Endpoints.Requests;

/// <summary>The writes one device made offline, and where it left off. The sync grain checks the rest, naming the field.</summary>
/// <param name="Cursor">The last sequence the device has seen: 0 on its first sync.</param>
/// <param name="Mutations">Empty to only fetch changes.</param>
public sealed record SyncBatchRequest(
    [property: Required] string DeviceId,
    long Cursor,
    [property: Required, MaxLength(SyncRequest.MaxMutations)] IReadOnlyList<SyncMutationRequest> Mutations)
{
    /// <summary>The grain's request: every mutation is the sending device's own, so its device id comes from the batch.</summary>
    public SyncRequest ToSyncRequest() => new(
        DeviceId,
        Cursor,
        Mutations.Select(mutation => new ClientMutation(
            mutation.TransactionHash, DeviceId, mutation.VectorClock, mutation.Entity, mutation.Key, mutation.Value, mutation.ClientTimestamp)).ToArray());
}
