namespace Platform.Payments;

[GenerateSerializer]
[Immutable]
[Alias("platform.payments.PaymentCapture")]
public sealed record PaymentCapture([property: Id(0)] string PaymentIntentId, [property: Id(1)] long AmountCaptured);
