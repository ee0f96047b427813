namespace Platform.Payments;

/// <summary>Hold <paramref name="Amount"/> on the client's payment method: a payment intent confirmed with manual capture.</summary>
/// <param name="Reference">The contract ("tenant/contract-id"), set on the provider's objects so notifications find it.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.AuthorizePaymentRequest")]
public sealed record AuthorizePaymentRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string Reference,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Currency,
    [property: Id(4)] string PaymentMethodId);
