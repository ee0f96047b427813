namespace Platform.Grains.Escrow;

/// <summary>A ledger account of a tenant: its kind and its owner's opaque id (client, contract, freelancer, or the tenant).</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.LedgerAccount")]
public sealed record LedgerAccount([property: Id(0)] LedgerAccountKind Kind, [property: Id(1)] string Owner)
{
    /// <summary>How the account is stored: "client-funds:c-42", "escrow-holding:contract-7", "freelancer-payable:f-9", "platform-fee:acme".</summary>
    public string Name => $"{Slug(Kind)}:{Owner}";

    /// <exception cref="FormatException">The name is not "kind:owner" with a known kind.</exception>
    public static LedgerAccount Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < name.Length - 1)
        {
            foreach (var kind in Enum.GetValues<LedgerAccountKind>())
            {
                if (Slug(kind) == name[..colon])
                {
                    return new LedgerAccount(kind, name[(colon + 1)..]);
                }
            }
        }

        throw new FormatException(
            $"Ledger account name '{name}' must be 'kind:owner' with kind client-funds, escrow-holding, freelancer-payable or platform-fee.");
    }

    public override string ToString() => Name;

    private static string Slug(LedgerAccountKind kind) => kind switch
    {
        LedgerAccountKind.ClientFunds => "client-funds",
        LedgerAccountKind.EscrowHolding => "escrow-holding",
        LedgerAccountKind.FreelancerPayable => "freelancer-payable",
        LedgerAccountKind.PlatformFee => "platform-fee",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ledger account kind"),
    };
}
