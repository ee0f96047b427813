namespace Platform.Grains.Sync;

/// <summary>What a device learns from a sync.</summary>
/// <param name="Cursor">The sequence of the server's latest change: the cursor of the device's next sync.</param>
/// <param name="Changes">The current state of every entry changed after the request's cursor, oldest change first.</param>
/// <param name="Outcomes">One per mutation of the request, in its order; empty for <see cref="ISyncGrain.Changes"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.SyncResult")]
public sealed record SyncResult(
    [property: Id(0)] long Cursor,
    [property: Id(1)] IReadOnlyList<ServerChange> Changes,
    [property: Id(2)] IReadOnlyList<MutationOutcome> Outcomes);
