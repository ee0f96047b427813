using System.Text.Json.Serialization;

namespace Platform.Grains.Escrow;

/// <summary>
/// The events of a contract's escrow stream: its audit trail and the source of its ledger postings. The discriminators
/// are the stored format (the journal's event type): never rename one. Parties appear only as opaque ids.
/// </summary>
[GenerateSerializer]
[JsonDerivedType(typeof(EscrowCreated), "escrow.created")]
[JsonDerivedType(typeof(PaymentRequested), "escrow.payment-requested")]
[JsonDerivedType(typeof(PaymentRefused), "escrow.payment-refused")]
[JsonDerivedType(typeof(FundsAuthorized), "escrow.funds-authorized")]
[JsonDerivedType(typeof(FundsCaptured), "escrow.funds-captured")]
[JsonDerivedType(typeof(WorkSubmitted), "escrow.work-submitted")]
[JsonDerivedType(typeof(WorkApproved), "escrow.work-approved")]
[JsonDerivedType(typeof(DisputeOpened), "escrow.dispute-opened")]
[JsonDerivedType(typeof(FundsReleased), "escrow.funds-released")]
[JsonDerivedType(typeof(FundsRefunded), "escrow.funds-refunded")]
[JsonDerivedType(typeof(PaymentNotified), "escrow.payment-notified")]
[JsonDerivedType(typeof(PartiesNotified), "escrow.parties-notified")]
internal abstract record EscrowEvent
{
    [Id(0)]
    public DateTimeOffset At { get; init; }
}

[GenerateSerializer]
internal sealed record EscrowCreated([property: Id(0)] EscrowTerms Terms) : EscrowEvent;

/// <summary>The intent: recorded before the provider is called, so a crash leaves the step pending under its key.</summary>
[GenerateSerializer]
internal sealed record PaymentRequested(
    [property: Id(0)] PaymentStep Step,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] string? PaymentMethodId) : EscrowEvent;

/// <summary>The provider refused the pending step: nothing moved, and a new attempt gets a new key.</summary>
[GenerateSerializer]
internal sealed record PaymentRefused([property: Id(0)] PaymentStep Step, [property: Id(1)] int Attempt, [property: Id(2)] string Code) : EscrowEvent;

[GenerateSerializer]
internal sealed record FundsAuthorized([property: Id(0)] string PaymentIntentId, [property: Id(1)] long Amount) : EscrowEvent;

/// <summary>Money moved: the client's funds are held by the platform for the contract (a ledger posting).</summary>
[GenerateSerializer]
internal sealed record FundsCaptured(
    [property: Id(0)] string PaymentIntentId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Currency) : EscrowEvent;

[GenerateSerializer]
internal sealed record WorkSubmitted([property: Id(0)] string DeliverableId) : EscrowEvent;

[GenerateSerializer]
internal sealed record WorkApproved : EscrowEvent;

[GenerateSerializer]
internal sealed record DisputeOpened([property: Id(0)] DisputeReason Reason) : EscrowEvent;

/// <summary>Money moved: the payout went to the freelancer's connected account, the fee to the platform (a ledger posting).</summary>
[GenerateSerializer]
internal sealed record FundsReleased(
    [property: Id(0)] string TransferId,
    [property: Id(1)] string FreelancerId,
    [property: Id(2)] long Payout,
    [property: Id(3)] long PlatformFee,
    [property: Id(4)] string Currency) : EscrowEvent;

/// <summary>Money moved: the held amount went back to the client (a ledger posting).</summary>
[GenerateSerializer]
internal sealed record FundsRefunded(
    [property: Id(0)] string RefundId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Currency) : EscrowEvent;

/// <summary>A verified provider notification, recorded once per event id whether or not it changed anything.</summary>
[GenerateSerializer]
internal sealed record PaymentNotified(
    [property: Id(0)] string EventId,
    [property: Id(1)] PaymentNotificationKind Kind,
    [property: Id(2)] string ObjectId) : EscrowEvent;

/// <summary>
/// The parties were told of every money event up to <paramref name="UpToVersion"/> (their notifications are on the
/// streams): those events leave the outbox. Moves no money, so it posts nothing.
/// </summary>
[GenerateSerializer]
internal sealed record PartiesNotified([property: Id(0)] long UpToVersion) : EscrowEvent;
