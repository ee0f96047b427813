using Platform.Grains.Escrow;

namespace Platform.Payments.Simulated;

/// <summary>
/// What the simulated processor did under one idempotency key: performed once (<see cref="Performed"/>) or refused
/// (<see cref="RefusalCode"/>), and how many requests carried the key (<see cref="Requests"/>; repeats replay the
/// first answer).
/// </summary>
/// <param name="Fingerprint">The request's parameters: a repeat with other parameters under the same key is refused.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.SimulatedOperation")]
public sealed record SimulatedOperation(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] PaymentStep Step,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] string? ObjectId,
    [property: Id(4)] long Amount,
    [property: Id(5)] string? RefusalCode,
    [property: Id(6)] int Requests)
{
    public bool Performed => RefusalCode is null;
}
