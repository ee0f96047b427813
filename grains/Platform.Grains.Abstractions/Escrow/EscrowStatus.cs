namespace Platform.Grains.Escrow;

/// <summary>Where a contract's escrow is; <see cref="IEscrowGrain"/> lists the transitions.</summary>
/// <remarks>Stored as its number: append new states, never renumber.</remarks>
[GenerateSerializer]
[Alias("platform.escrow.EscrowStatus")]
public enum EscrowStatus
{
    /// <summary>Never created: the contract's stream is empty.</summary>
    None = 0,

    Created = 1,

    /// <summary>The amount is captured and held in escrow.</summary>
    Funded = 2,

    WorkSubmitted = 3,

    Approved = 4,

    /// <summary>Final: the amount less the fee went to the freelancer, the fee to the platform.</summary>
    Released = 5,

    /// <summary>Final: the amount went back to the client.</summary>
    Refunded = 6,

    Disputed = 7,
}
