namespace Platform.Payments;

/// <summary>Refund <paramref name="Amount"/> of a captured payment intent to the client.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.RefundPaymentRequest")]
public sealed record RefundPaymentRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string Reference,
    [property: Id(2)] string PaymentIntentId,
    [property: Id(3)] long Amount);
