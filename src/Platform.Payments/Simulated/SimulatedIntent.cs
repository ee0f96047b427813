namespace Platform.Payments.Simulated;

/// <summary>A simulated payment intent: authorized, then captured, then possibly refunded (in part).</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.SimulatedIntent")]
internal sealed record SimulatedIntent(
    [property: Id(0)] long Amount,
    [property: Id(1)] string Currency,
    [property: Id(2)] long Captured,
    [property: Id(3)] long Refunded);
