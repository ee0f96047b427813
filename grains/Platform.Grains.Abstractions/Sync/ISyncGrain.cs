using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Sync;

/// <summary>
/// Offline sync for one user's mobile devices, keyed by the user's "tenant/user-id". The user's synced data is a set of
/// entries, each named by (entity, key) and holding a string value (drafts, saved searches, notes); a device sends the
/// writes it made offline and gets back what changed on the server since its cursor.
/// </summary>
/// <remarks>
/// <para>
/// Writes are idempotent by transaction hash: a hash the grain has seen is reported <see cref="MutationStatus.Duplicate"/>
/// and not applied again, so a device may resend a batch whose answer it never got.
/// </para>
/// <para>
/// Conflicts resolve by a deterministic last-write-wins rule that does not depend on arrival order: a write whose vector
/// clock dominates another's wins; among writes no other write dominates, the one with the latest effective timestamp
/// wins, ties broken by device id and then transaction hash (ordinal). The effective timestamp is the client's timestamp
/// clamped to the time the server received it, so a device whose clock runs ahead cannot win over later writes.
/// </para>
/// <para>
/// Every change of an entry gets the next sequence number of the user; a cursor is the last sequence a device has seen.
/// Each acknowledged batch is written to storage before the call returns.
/// </para>
/// </remarks>
[Alias("platform.sync.ISyncGrain")]
public interface ISyncGrain : IGrainWithStringKey
{
    /// <summary>Applies the mutations not seen before and returns every entry changed since <see cref="SyncRequest.Cursor"/>.</summary>
    /// <returns>The new cursor, the changed entries (latest state of each, in sequence order) and an outcome per mutation, in request order.</returns>
    /// <exception cref="ArgumentException">
    /// The request is malformed; the message names the mutation, the field and its value. Nothing is applied: the whole
    /// batch is checked before any of it is.
    /// </exception>
    // Safe to re-send: a mutation that already ran comes back as Duplicate instead of being applied twice.
    [Idempotent]
    [Alias("Sync")]
    Task<SyncResult> Sync(SyncRequest request);

    /// <summary>Every entry changed since <paramref name="cursor"/>, without sending anything.</summary>
    /// <exception cref="ArgumentException">The cursor is negative or ahead of the server.</exception>
    [ReadOnly]
    [Idempotent]
    [Alias("Changes")]
    Task<SyncResult> Changes(long cursor);
}
