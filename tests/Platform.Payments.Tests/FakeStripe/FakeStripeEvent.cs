namespace Platform.Payments.Tests.FakeStripe;

/// <summary>An event the fake Stripe server emitted: its id, type and the exact JSON it signs and delivers.</summary>
public sealed record FakeStripeEvent(string Id, string Type, string Payload);
