using System.Globalization;
using Platform.Grains.Escrow;

namespace Platform.Payments.Ledger;

/// <summary>
/// Builds a <see cref="LedgerPosting"/> line by line and refuses to build one that does not balance: the sum of the
/// debits must equal the sum of the credits, and there must be both.
/// </summary>
public sealed class LedgerPostingBuilder
{
    private readonly string _postingId;
    private readonly string _tenantId;
    private readonly string _currency;
    private readonly long _position;
    private readonly List<LedgerLine> _lines = [];

    public LedgerPostingBuilder(string postingId, string tenantId, string currency, long position)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(postingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        _postingId = postingId;
        _tenantId = tenantId;
        _currency = currency;
        _position = position;
    }

    /// <summary>Money reaches <paramref name="account"/>. An amount of 0 adds no line (a contract without a fee, say).</summary>
    public LedgerPostingBuilder Debit(LedgerAccount account, long amount) => Add(account, amount, debit: true);

    /// <summary>Money leaves <paramref name="account"/>. An amount of 0 adds no line.</summary>
    public LedgerPostingBuilder Credit(LedgerAccount account, long amount) => Add(account, amount, debit: false);

    /// <exception cref="InvalidOperationException">The debits and credits differ, or one side is missing.</exception>
    public LedgerPosting Build()
    {
        var debits = _lines.Sum(line => line.Debit);
        var credits = _lines.Sum(line => line.Credit);
        if (debits == 0 || credits == 0)
        {
            throw new InvalidOperationException(
                $"Posting '{_postingId}' needs at least one debit and one credit; it has debits {Format(debits)} and credits {Format(credits)} {_currency}.");
        }

        if (debits != credits)
        {
            throw new InvalidOperationException(
                $"Posting '{_postingId}' does not balance: debits {Format(debits)} {_currency} but credits {Format(credits)} {_currency}; " +
                "every posting must move as much into accounts as out of them.");
        }

        return new LedgerPosting(_postingId, _tenantId, _currency, _position, _lines.ToArray());
    }

    private LedgerPostingBuilder Add(LedgerAccount account, long amount, bool debit)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(amount), amount, $"Posting '{_postingId}': a {(debit ? "debit" : "credit")} to {account.Name} must not be negative; it is {Format(amount)}.");
        }

        if (amount > 0)
        {
            // Checked: a sum that overflows must fail, never wrap around into a "balanced" posting.
            _ = checked(_lines.Sum(line => debit ? line.Debit : line.Credit) + amount);
            _lines.Add(debit ? new LedgerLine(account, amount, 0) : new LedgerLine(account, 0, amount));
        }

        return this;
    }

    private static string Format(long amount) => amount.ToString(CultureInfo.InvariantCulture);
}
