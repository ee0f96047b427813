namespace Platform.Grains.Escrow;

/// <summary>A contract's escrow as it stood when the call returned.</summary>
/// <param name="Pending">The payment step requested of the provider whose outcome is not recorded yet, if any.</param>
/// <param name="Version">The contract's stream version: how many events it has.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.EscrowSnapshot")]
public sealed record EscrowSnapshot(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ContractId,
    [property: Id(2)] EscrowStatus Status,
    [property: Id(3)] EscrowTerms Terms,
    [property: Id(4)] string? PaymentIntentId,
    [property: Id(5)] string? TransferId,
    [property: Id(6)] string? RefundId,
    [property: Id(7)] PendingPayment? Pending,
    [property: Id(8)] DisputeReason? DisputeReason,
    [property: Id(9)] long Version,
    [property: Id(10)] DateTimeOffset UpdatedAt);
