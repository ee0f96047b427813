namespace Platform.Payments.Simulated;

/// <summary>
/// The JSON a simulated notification carries (web casing: "id", "type", "objectId", ...), signed with Stripe's scheme.
/// Types are Stripe's names ("payment_intent.succeeded", ...), so one webhook handler serves both providers.
/// </summary>
internal sealed record SimulatedNotification(
    string Id,
    string Type,
    string ObjectId,
    string? PaymentIntentId,
    string? ContractKey,
    long Amount,
    long Created);
