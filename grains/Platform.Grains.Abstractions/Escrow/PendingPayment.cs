namespace Platform.Grains.Escrow;

/// <summary>A payment step recorded as requested whose outcome is not recorded yet; it is repeated with the same key.</summary>
/// <param name="Attempt">1 for the first request of the step; a new attempt (and key) follows only a definitive refusal.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.PendingPayment")]
public sealed record PendingPayment(
    [property: Id(0)] PaymentStep Step,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string IdempotencyKey);
