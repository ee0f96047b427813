namespace Platform.Grains.Escrow;

/// <summary>
/// The totals of one account in one currency, in minor units. A posting credits the account money leaves and debits
/// the one it reaches, so <see cref="Balance"/> (debits - credits) is what the account holds: positive for escrow
/// holding while it holds money, negative for client funds by what the client paid in.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.LedgerBalance")]
public sealed record LedgerBalance(
    [property: Id(0)] LedgerAccount Account,
    [property: Id(1)] string Currency,
    [property: Id(2)] long Debits,
    [property: Id(3)] long Credits)
{
    public long Balance => Debits - Credits;
}
