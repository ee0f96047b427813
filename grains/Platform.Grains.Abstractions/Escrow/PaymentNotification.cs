namespace Platform.Grains.Escrow;

/// <summary>
/// A payment provider's notification (a webhook) after its signature was verified: what happened to which provider
/// object, for which contract.
/// </summary>
/// <param name="EventId">The provider's event id ("evt_..."): a repeated delivery carries the same one.</param>
/// <param name="ObjectId">The payment intent, transfer or refund the event is about.</param>
/// <param name="PaymentIntentId">The payment intent it belongs to (for a refund, the refunded intent); null for a transfer.</param>
/// <param name="ContractKey">The contract's "tenant/contract-id", from the metadata the platform set on the object; null when absent.</param>
/// <param name="Amount">The amount the event reports, in minor units (captured, transferred, refunded, capturable).</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.PaymentNotification")]
public sealed record PaymentNotification(
    [property: Id(0)] string EventId,
    [property: Id(1)] PaymentNotificationKind Kind,
    [property: Id(2)] string ObjectId,
    [property: Id(3)] string? PaymentIntentId,
    [property: Id(4)] string? ContractKey,
    [property: Id(5)] long Amount,
    [property: Id(6)] DateTimeOffset OccurredAt);
