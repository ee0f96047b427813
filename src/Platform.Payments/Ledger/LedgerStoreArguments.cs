namespace Platform.Payments.Ledger;

/// <summary>The argument rules every <see cref="ILedgerStore"/> enforces.</summary>
internal static class LedgerStoreArguments
{
    public static void CheckApply(long expectedCheckpoint, long nextCheckpoint, IReadOnlyList<LedgerPosting> postings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCheckpoint);
        ArgumentNullException.ThrowIfNull(postings);
        if (nextCheckpoint < expectedCheckpoint)
        {
            throw new ArgumentOutOfRangeException(
                nameof(nextCheckpoint), nextCheckpoint, $"The ledger checkpoint only moves forward: from {expectedCheckpoint} it cannot go to {nextCheckpoint}.");
        }

        foreach (var posting in postings)
        {
            if (posting.Position <= expectedCheckpoint || posting.Position > nextCheckpoint)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(postings), posting.Position, $"Posting '{posting.PostingId}' is at journal position {posting.Position}, outside the applied range ({expectedCheckpoint}, {nextCheckpoint}].");
            }
        }
    }
}
