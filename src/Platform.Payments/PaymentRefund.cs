namespace Platform.Payments;

[GenerateSerializer]
[Immutable]
[Alias("platform.payments.PaymentRefund")]
public sealed record PaymentRefund([property: Id(0)] string RefundId, [property: Id(1)] long Amount);
