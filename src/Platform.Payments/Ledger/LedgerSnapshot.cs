using Platform.Grains.Escrow;

namespace Platform.Payments.Ledger;

/// <summary>A tenant's stored ledger at one journal <paramref name="Position"/>.</summary>
public sealed record LedgerSnapshot(long Position, long Postings, IReadOnlyList<LedgerBalance> Balances);
