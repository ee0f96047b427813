using Microsoft.Extensions.Options;
using Platform.Grains.Escrow;
using Platform.Payments.Hosting;
using Platform.Payments.Simulated;
using Platform.Payments.Tests.FakeStripe;

namespace Platform.Payments.Tests;

/// <summary>The simulated provider in a real silo: Stripe's idempotency rules, durable books, injected faults.</summary>
public sealed class SimulatedProviderTests(SimulatedPaymentsCluster fixture) : IClassFixture<SimulatedPaymentsCluster>
{
    private readonly string _contract = $"acme/sim-{Guid.NewGuid():N}"[..24];

    private IPaymentProvider Provider => fixture.Provider;

    [Fact]
    public async Task A_request_repeated_with_its_key_is_performed_once_and_every_repeat_is_counted()
    {
        var request = Authorize(1, 4_200);

        var first = await Provider.AuthorizeAsync(request, default);
        var second = await Provider.AuthorizeAsync(request, default);

        second.ShouldBe(first);
        var operation = (await Books()).ShouldHaveSingleItem();
        (operation.Performed, operation.Requests, operation.ObjectId).ShouldBe((true, 2, first.PaymentIntentId));
    }

    [Fact]
    public async Task A_capture_whose_answer_timed_out_was_made_and_its_retry_with_the_same_key_replays_it()
    {
        var intent = (await Provider.AuthorizeAsync(Authorize(1, 6_000), default)).PaymentIntentId;
        var capture = new CapturePaymentRequest(PaymentIdempotencyKeys.For(_contract, PaymentStep.Capture, 1), _contract, intent, 6_000);
        fixture.Faults.Inject(_contract, PaymentStep.Capture, SimulatedFault.TimeoutAfterPerforming);

        var lost = await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => Provider.CaptureAsync(capture, default));
        var retried = await Provider.CaptureAsync(capture, default);

        lost.Message.ShouldBe($"The outcome of Capture (idempotency key '{capture.IdempotencyKey}') is unknown: the simulated provider did not answer in time. Repeat it with the same key.");
        retried.ShouldBe(new PaymentCapture(intent, 6_000));
        (await Books()).Single(operation => operation.Step == PaymentStep.Capture).Requests.ShouldBe(2);
    }

    [Fact]
    public async Task A_request_refused_with_503_before_performing_is_made_by_its_retry()
    {
        fixture.Faults.Inject(_contract, PaymentStep.Transfer, SimulatedFault.UnavailableBeforePerforming);
        var transfer = new TransferFundsRequest(PaymentIdempotencyKeys.For(_contract, PaymentStep.Transfer, 1), _contract, 900, "eur", "acct_1Freelancer");

        await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => Provider.TransferAsync(transfer, default));
        (await Books()).ShouldBeEmpty();
        await Provider.TransferAsync(transfer, default);

        (await Books()).ShouldHaveSingleItem().Requests.ShouldBe(1);
    }

    [Fact]
    public async Task A_declined_card_is_refused_and_the_refusal_is_replayed_for_its_key()
    {
        var request = Authorize(1, 3_000) with { PaymentMethodId = SimulatedProcessorGrain.DeclinedPaymentMethod };

        var refused = await Should.ThrowAsync<PaymentRefusedException>(() => Provider.AuthorizeAsync(request, default));
        await Should.ThrowAsync<PaymentRefusedException>(() => Provider.AuthorizeAsync(request, default));

        refused.Code.ShouldBe("card_declined");
        var operation = (await Books()).ShouldHaveSingleItem();
        (operation.Performed, operation.RefusalCode, operation.Requests).ShouldBe((false, "card_declined", 2));
    }

    [Fact]
    public async Task A_key_reused_with_other_parameters_is_refused_naming_both()
    {
        await Provider.AuthorizeAsync(Authorize(1, 1_000), default);

        var refused = await Should.ThrowAsync<PaymentRefusedException>(() => Provider.AuthorizeAsync(Authorize(1, 2_000), default));

        refused.Message.ShouldBe(
            $"The payment provider refused Authorize (idempotency key '{PaymentIdempotencyKeys.For(_contract, PaymentStep.Authorize, 1)}'): idempotency_error: " +
            "the key was first used for Authorize with other parameters (1000|eur|pm_card_visa, now 2000|eur|pm_card_visa). Nothing was done.");
    }

    [Fact]
    public async Task An_intent_is_captured_once_even_under_a_new_key_and_refunds_never_exceed_the_capture()
    {
        var intent = (await Provider.AuthorizeAsync(Authorize(1, 5_000), default)).PaymentIntentId;
        await Provider.CaptureAsync(new CapturePaymentRequest(PaymentIdempotencyKeys.For(_contract, PaymentStep.Capture, 1), _contract, intent, 5_000), default);

        var again = await Should.ThrowAsync<PaymentRefusedException>(() => Provider.CaptureAsync(
            new CapturePaymentRequest(PaymentIdempotencyKeys.For(_contract, PaymentStep.Capture, 2), _contract, intent, 5_000), default));
        await Provider.RefundAsync(new RefundPaymentRequest(PaymentIdempotencyKeys.For(_contract, PaymentStep.Refund, 1), _contract, intent, 5_000), default);
        var twice = await Should.ThrowAsync<PaymentRefusedException>(() => Provider.RefundAsync(
            new RefundPaymentRequest(PaymentIdempotencyKeys.For(_contract, PaymentStep.Refund, 2), _contract, intent, 1), default));

        (again.Code, twice.Code).ShouldBe(("payment_intent_unexpected_state", "charge_already_refunded"));
    }

    [Fact]
    public async Task Requests_outside_the_rules_are_refused_before_anything_is_sent()
    {
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Provider.AuthorizeAsync(Authorize(1, 0), default))).Message
            .ShouldStartWith($"Authorize (key '{PaymentIdempotencyKeys.For(_contract, PaymentStep.Authorize, 1)}') needs an amount above 0 minor units; it is 0.");
        (await Should.ThrowAsync<ArgumentException>(() => Provider.AuthorizeAsync(Authorize(1, 10) with { Currency = "EUR" }, default))).Message
            .ShouldStartWith($"Authorize (key '{PaymentIdempotencyKeys.For(_contract, PaymentStep.Authorize, 1)}') needs a lower-case three-letter ISO 4217 currency such as 'eur'; it is 'EUR'.");
        (await Should.ThrowAsync<ArgumentException>(() => Provider.AuthorizeAsync(Authorize(1, 10) with { IdempotencyKey = " " }, default))).Message
            .ShouldStartWith("Authorize needs an idempotency key of 1 to 255 characters; it is ' '.");
        (await Books()).ShouldBeEmpty();
    }

    [Fact]
    public void Fault_rates_are_rolled_deterministically_from_the_seed_the_key_and_the_attempt()
    {
        var options = Options.Create(new PaymentsOptions { Simulated = new SimulatedPaymentOptions { TimeoutAfterPerformingRate = 0.3, UnavailableRate = 0.1, Seed = 7 } });
        var keys = Enumerable.Range(0, 2_000).Select(i => $"escrow/acme/c-{i}/capture/1").ToArray();

        var first = keys.Select(key => new SimulatedFaults(options).Next("acme/c", PaymentStep.Capture, key)).ToArray();
        var second = keys.Select(key => new SimulatedFaults(options).Next("acme/c", PaymentStep.Capture, key)).ToArray();

        second.ShouldBe(first);
        first.Count(fault => fault == SimulatedFault.TimeoutAfterPerforming).ShouldBeInRange(500, 700);
        first.Count(fault => fault == SimulatedFault.UnavailableBeforePerforming).ShouldBeInRange(140, 260);
    }

    [Fact]
    public void A_simulated_notification_signed_with_the_simulated_secret_is_read_and_any_other_is_refused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = $$"""{"id":"evt_sim_1","type":"refund.created","objectId":"re_1","paymentIntentId":"pi_1","contractKey":"{{_contract}}","amount":700,"created":{{now}}}""";

        var notification = Provider.ParseWebhook(payload, FakeStripeServer.Sign(payload, now, "whsec_simulated"));

        notification.ShouldBe(new PaymentNotification("evt_sim_1", PaymentNotificationKind.Refunded, "re_1", "pi_1", _contract, 700, DateTimeOffset.FromUnixTimeSeconds(now)));
        Should.Throw<PaymentWebhookException>(() => Provider.ParseWebhook(payload, FakeStripeServer.Sign(payload, now)))
            .Message.ShouldStartWith("The simulated notification was refused: The expected signature was not found in the Stripe-Signature header.");
    }

    private AuthorizePaymentRequest Authorize(int attempt, long amount) =>
        new(PaymentIdempotencyKeys.For(_contract, PaymentStep.Authorize, attempt), _contract, amount, "eur", "pm_card_visa");

    private Task<IReadOnlyList<SimulatedOperation>> Books() => fixture.Cluster.Client.GetGrain<ISimulatedProcessorGrain>(_contract).GetOperations();
}
