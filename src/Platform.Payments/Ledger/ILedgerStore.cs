namespace Platform.Payments.Ledger;

/// <summary>
/// Where the escrow ledger's postings and balances are stored, with the checkpoint of the projection that writes them:
/// the journal position up to which every posting is applied.
/// </summary>
public interface ILedgerStore
{
    /// <summary>The journal position the stored postings and balances reflect; 0 before the first apply.</summary>
    Task<long> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="postings"/>, adds them to the balances and moves the checkpoint from
    /// <paramref name="expectedCheckpoint"/> to <paramref name="nextCheckpoint"/>, atomically. A posting whose id is
    /// stored already is skipped, so an apply repeated after a lost answer adds nothing twice.
    /// </summary>
    /// <returns>False, with nothing changed, when the checkpoint is no longer <paramref name="expectedCheckpoint"/> (another projector applied first).</returns>
    Task<bool> ApplyAsync(long expectedCheckpoint, long nextCheckpoint, IReadOnlyList<LedgerPosting> postings, CancellationToken cancellationToken);

    /// <summary>The tenant's balances and how many postings it has, with the checkpoint they reflect, read at one instant.</summary>
    Task<LedgerSnapshot> ReadSnapshotAsync(string tenantId, CancellationToken cancellationToken);
}
