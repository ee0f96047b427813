using Platform.Payments.Tests.FakeStripe;

namespace Platform.Payments.Tests;

/// <summary>One fake Stripe server per test class; tests keep apart by their own idempotency keys and references.</summary>
public sealed class StripeServerFixture : IAsyncLifetime
{
    public FakeStripeServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
