namespace Platform.Grains.Sync;

/// <summary>
/// The stored form of one user's synced data. Immutable so that a batch builds the next state beside the current one and
/// only replaces it once storage has accepted it. Field ids are the stored format: add new ids, never reuse one.
/// </summary>
/// <remarks>
/// Plain lists rather than immutable collections or dictionaries with record keys: grain storage may serialize state as
/// JSON (the memory storage does), which cannot read those back.
/// </remarks>
[GenerateSerializer]
[Alias("platform.sync.SyncState")]
internal sealed record SyncState
{
    /// <summary>The sequence of the latest change; 0 before the first.</summary>
    [Id(0)]
    public long LastSequence { get; init; }

    /// <summary>Every entry ever written (a deletion stays as a tombstone), ordered by <see cref="SyncEntry.Sequence"/>.</summary>
    [Id(1)]
    public IReadOnlyList<SyncEntry> Entries { get; init; } = [];

    /// <summary>
    /// Every transaction hash ever received, kept whole: it is per user and grows with what the user typed. Bounding it
    /// later is safe for the data: a forgotten hash that comes back is a write an entry already holds or one its writes
    /// dominate, so it changes nothing; it would only be reported Superseded instead of Duplicate.
    /// </summary>
    [Id(2)]
    public IReadOnlyList<string> SeenTransactions { get; init; } = [];
}
