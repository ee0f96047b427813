namespace Platform.Grains.Escrow;

/// <summary>An account whose stored totals differ from what the journal's postings add up to.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.LedgerMismatch")]
public sealed record LedgerMismatch(
    [property: Id(0)] LedgerAccount Account,
    [property: Id(1)] string Currency,
    [property: Id(2)] long StoredDebits,
    [property: Id(3)] long StoredCredits,
    [property: Id(4)] long ExpectedDebits,
    [property: Id(5)] long ExpectedCredits)
{
    public override string ToString() =>
        $"{Account.Name} ({Currency}): stored debits {StoredDebits}, credits {StoredCredits}; the journal gives debits {ExpectedDebits}, credits {ExpectedCredits}";
}
