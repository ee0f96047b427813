namespace Platform.Grains.Escrow;

/// <summary>What can be done to a contract's escrow; each is allowed only in some <see cref="EscrowStatus"/>es.</summary>
[GenerateSerializer]
[Alias("platform.escrow.EscrowAction")]
public enum EscrowAction
{
    Create = 0,
    Fund = 1,
    SubmitWork = 2,
    Approve = 3,
    Dispute = 4,
    Release = 5,
    Refund = 6,
}
