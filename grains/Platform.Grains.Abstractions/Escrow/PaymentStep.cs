namespace Platform.Grains.Escrow;

/// <summary>A call to the payment provider that moves or holds money; each has its own idempotency key per contract and attempt.</summary>
[GenerateSerializer]
[Alias("platform.escrow.PaymentStep")]
public enum PaymentStep
{
    /// <summary>A payment intent with manual capture: the client's funds are held, not yet taken.</summary>
    Authorize = 0,

    Capture = 1,

    /// <summary>To the freelancer's connected account.</summary>
    Transfer = 2,

    Refund = 3,
}
