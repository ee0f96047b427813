using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Escrow;

/// <summary>
/// The double-entry ledger of one tenant (the key is the tenant id) as the escrow projection stored it: balances per
/// account and currency, and a verification that recomputes them from the journal.
/// </summary>
[Alias("platform.escrow.IEscrowLedgerGrain")]
public interface IEscrowLedgerGrain : IGrainWithStringKey
{
    /// <summary>The stored balances of the tenant's accounts, as far as the projection has read the journal.</summary>
    [ReadOnly]
    [Idempotent]
    [Alias("GetBalances")]
    Task<IReadOnlyList<LedgerBalance>> GetBalances();

    /// <summary>
    /// Brings the projection up to the journal's head, then recomputes the tenant's balances from the escrow events up to
    /// the position the stored balances reflect and compares: any stored balance that differs is a mismatch.
    /// </summary>
    [ReadOnly]
    [Idempotent]
    [Alias("Verify")]
    Task<LedgerVerification> Verify();
}
