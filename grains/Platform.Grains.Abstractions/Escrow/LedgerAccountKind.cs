namespace Platform.Grains.Escrow;

/// <summary>The accounts of the escrow ledger and whose they are (<see cref="LedgerAccount.Owner"/>).</summary>
/// <remarks>Stored by name (<see cref="LedgerAccount.Name"/>): renaming a member changes stored data.</remarks>
[GenerateSerializer]
[Alias("platform.escrow.LedgerAccountKind")]
public enum LedgerAccountKind
{
    /// <summary>Per client: what the client paid in (negative) and got back.</summary>
    ClientFunds = 0,

    /// <summary>Per contract: what the platform holds for it; zero once released or refunded.</summary>
    EscrowHolding = 1,

    /// <summary>Per freelancer: what was released to them.</summary>
    FreelancerPayable = 2,

    /// <summary>Per tenant: the platform's fees.</summary>
    PlatformFee = 3,
}
