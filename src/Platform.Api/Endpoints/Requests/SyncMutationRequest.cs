using System.ComponentModel.DataAnnotations;
using Platform.Grains.Sync;

namespace Platform.Api.Endpoints.Requests;

/// <summary>One offline write, as in <see cref="ClientMutation"/> less the device id (the batch's).</summary>
/// <param name="Value">Null deletes the entry.</param>
public sealed record SyncMutationRequest(
    [property: Required] string TransactionHash,
    [property: Required] IReadOnlyDictionary<string, long> VectorClock,
    [property: Required] string Entity,
    [property: Required] string Key,
    string? Value,
    DateTimeOffset ClientTimestamp);
