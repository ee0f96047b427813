using Platform.Grains.Escrow;

namespace Platform.Payments.Ledger;

/// <summary>One line of a posting: a debit or a credit (the other is 0) to one account, in minor units.</summary>
public sealed record LedgerLine(LedgerAccount Account, long Debit, long Credit);
