using Platform.Grains.Escrow;
using Stripe;

namespace Platform.Payments.Stripe;

/// <summary>Reads the Stripe events the escrow acts on into <see cref="PaymentNotification"/>s.</summary>
internal static class StripeNotifications
{
    /// <summary>The metadata key on payment intents, transfers and refunds that names the contract ("tenant/contract-id").</summary>
    public const string ContractMetadataKey = "escrow_contract";

    public static PaymentNotificationKind KindOf(string? eventType) => eventType switch
    {
        "payment_intent.amount_capturable_updated" => PaymentNotificationKind.Authorized,
        "payment_intent.succeeded" => PaymentNotificationKind.Captured,
        "transfer.created" => PaymentNotificationKind.Transferred,
        "refund.created" => PaymentNotificationKind.Refunded,
        _ => PaymentNotificationKind.Other,
    };

    public static PaymentNotification From(Event stripeEvent)
    {
        var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var kind = KindOf(stripeEvent.Type);
        return stripeEvent.Data?.Object switch
        {
            PaymentIntent intent => new PaymentNotification(
                stripeEvent.Id,
                kind,
                intent.Id,
                intent.Id,
                Contract(intent.Metadata),
                kind == PaymentNotificationKind.Authorized ? intent.AmountCapturable : intent.AmountReceived,
                occurredAt),
            Transfer transfer => new PaymentNotification(
                stripeEvent.Id, kind, transfer.Id, null, Contract(transfer.Metadata) ?? transfer.TransferGroup, transfer.Amount, occurredAt),
            Refund refund => new PaymentNotification(
                stripeEvent.Id, kind, refund.Id, refund.PaymentIntentId, Contract(refund.Metadata), refund.Amount, occurredAt),
            IHasId other => new PaymentNotification(stripeEvent.Id, PaymentNotificationKind.Other, other.Id, null, null, 0, occurredAt),
            _ => throw new PaymentWebhookException($"Stripe event '{stripeEvent.Id}' ({stripeEvent.Type}) carries no object."),
        };
    }

    private static string? Contract(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(ContractMetadataKey, out var contract) ? contract : null;
}
