namespace Platform.Payments;

/// <summary>Transfer <paramref name="Amount"/> from the platform's balance to a connected account.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.payments.TransferFundsRequest")]
public sealed record TransferFundsRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string Reference,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Currency,
    [property: Id(4)] string DestinationAccountId);
