namespace Platform.Grains.Sync;

/// <summary>What became of one mutation of a sync request.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.MutationOutcome")]
public sealed record MutationOutcome(
    [property: Id(0)] string TransactionHash,
    [property: Id(1)] MutationStatus Status);
