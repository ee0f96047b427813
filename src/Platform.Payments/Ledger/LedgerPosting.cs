namespace Platform.Payments.Ledger;

/// <summary>
/// A balanced set of lines in one currency: what one money event moved between accounts. Only
/// <see cref="LedgerPostingBuilder"/> makes one, so a posting whose debits and credits differ cannot exist.
/// </summary>
public sealed class LedgerPosting
{
    internal LedgerPosting(string postingId, string tenantId, string currency, long position, IReadOnlyList<LedgerLine> lines)
    {
        PostingId = postingId;
        TenantId = tenantId;
        Currency = currency;
        Position = position;
        Lines = lines;
    }

    /// <summary>What the posting derives from ("stream@version" of the escrow event): a posting is stored once per id.</summary>
    public string PostingId { get; }

    public string TenantId { get; }

    public string Currency { get; }

    /// <summary>The journal position of the event it derives from.</summary>
    public long Position { get; }

    public IReadOnlyList<LedgerLine> Lines { get; }

    /// <summary>The sum of the debits, which is the sum of the credits.</summary>
    public long Total => Lines.Sum(line => line.Debit);
}
