namespace Platform.Grains.Escrow;

/// <summary>What a provider notification reports.</summary>
[GenerateSerializer]
[Alias("platform.escrow.PaymentNotificationKind")]
public enum PaymentNotificationKind
{
    /// <summary>An event type the escrow does not act on; recorded nowhere.</summary>
    Other = 0,

    /// <summary>A payment intent holds the funds and awaits capture (Stripe payment_intent.amount_capturable_updated).</summary>
    Authorized = 1,

    /// <summary>Stripe payment_intent.succeeded.</summary>
    Captured = 2,

    /// <summary>Stripe transfer.created.</summary>
    Transferred = 3,

    /// <summary>Stripe refund.created.</summary>
    Refunded = 4,
}
