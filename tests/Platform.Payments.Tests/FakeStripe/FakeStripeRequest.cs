namespace Platform.Payments.Tests.FakeStripe;

/// <summary>One request the fake Stripe server received, and whether its idempotency key replayed an earlier answer.</summary>
public sealed record FakeStripeRequest(
    string Method,
    string Path,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Form,
    bool Replayed,
    FakeStripeFault? Fault);
