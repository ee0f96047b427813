namespace Platform.Grains.Escrow;

/// <summary>The outcome of recomputing a tenant's ledger from the journal and comparing it with the stored balances.</summary>
/// <param name="Position">The journal position the stored balances reflect and the recomputation read up to.</param>
/// <param name="Postings">How many postings of the tenant the journal yields up to <paramref name="Position"/>.</param>
/// <param name="Mismatches">Every account whose stored totals differ from the recomputed ones (including accounts only one side has).</param>
/// <param name="UnbalancedCurrencies">Currencies whose stored debits and credits do not sum to the same total.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.LedgerVerification")]
public sealed record LedgerVerification(
    [property: Id(0)] string TenantId,
    [property: Id(1)] long Position,
    [property: Id(2)] long Postings,
    [property: Id(3)] int Accounts,
    [property: Id(4)] IReadOnlyList<LedgerMismatch> Mismatches,
    [property: Id(5)] IReadOnlyList<string> UnbalancedCurrencies)
{
    /// <summary>The stored ledger equals the journal's and every currency's debits equal its credits.</summary>
    public bool Balanced => Mismatches.Count == 0 && UnbalancedCurrencies.Count == 0;
}
