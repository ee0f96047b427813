namespace Platform.Grains.Sync;

/// <summary>What became of one mutation.</summary>
/// <remarks>
/// Stored and sent as its number: append new values, never renumber. A malformed mutation has no status: it fails the
/// whole request with an <see cref="ArgumentException"/>, so a batch is either checked whole or not applied at all.
/// </remarks>
[GenerateSerializer]
[Alias("platform.sync.MutationStatus")]
public enum MutationStatus
{
    /// <summary>The write is now the entry's value.</summary>
    Applied = 0,

    /// <summary>The transaction hash was seen before (in an earlier batch or earlier in this one): nothing was done.</summary>
    Duplicate = 1,

    /// <summary>
    /// The write lost: a write the server holds dominates its vector clock, or wins last-write-wins against it. The entry's
    /// value stands.
    /// </summary>
    Superseded = 2,
}
