namespace Platform.Payments;

/// <summary>A payment intent that holds the funds and awaits capture.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.PaymentAuthorization")]
public sealed record PaymentAuthorization([property: Id(0)] string PaymentIntentId, [property: Id(1)] long AmountCapturable);
