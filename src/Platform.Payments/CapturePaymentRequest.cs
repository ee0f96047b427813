namespace Platform.Payments;

/// <summary>Capture <paramref name="Amount"/> of an authorized payment intent.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.CapturePaymentRequest")]
public sealed record CapturePaymentRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string Reference,
    [property: Id(2)] string PaymentIntentId,
    [property: Id(3)] long Amount);
