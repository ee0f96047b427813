using Platform.Grains.Storage;
using Orleans.Runtime.Placement.Filtering;
using Orleans.Storage;
using Platform.Grains.Tenancy;
using Platform.Orleans.Supervision;

namespace Platform.Grains.Sync;

// Type and state name fixed for the same reasons as JobGrain's; "sync" is used by no other grain type.
[GrainType("sync")]
[PreferredMatchSiloMetadataPlacementFilter([ZonePlacement.MetadataKey], ZonePlacement.MinimumCandidates)]
// A stale ETag means another activation wrote since this one read: restart and read the truth again, as JobGrain does.
[OnFailure(typeof(InconsistentStateException), SupervisionDirective.Restart)]
internal sealed class SyncGrain([PersistentState("sync")] IPersistentState<SyncState> state, TimeProvider time)
    : Grain, ISyncGrain
{
    private TenantKey? _key;

    // Parsed on first use rather than on activation, so that a malformed key fails the call with the parser's message.
    private TenantKey Key => _key ??= TenantKey.Parse(this.GetPrimaryKeyString());

    public async Task<SyncResult> Sync(SyncRequest request)
    {
        _ = Key;
        SyncRequestRules.Check(request, state.State.LastSequence);
        var (next, outcomes) = SyncMerge.Apply(state.State, request.Mutations, time.GetUtcNow());
        if (!ReferenceEquals(next, state.State))
        {
            await state.SaveOrKeepAsync(next);
        }

        return new SyncResult(state.State.LastSequence, SyncMerge.ChangesSince(state.State, request.Cursor), outcomes);
    }

    public Task<SyncResult> Changes(long cursor)
    {
        _ = Key;
        SyncRequestRules.CheckCursor(cursor, state.State.LastSequence);
        return Task.FromResult(new SyncResult(state.State.LastSequence, SyncMerge.ChangesSince(state.State, cursor), []));
    }
}
