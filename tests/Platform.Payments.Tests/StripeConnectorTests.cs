using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Escrow;
using Platform.Payments.Hosting;
using Platform.Payments.Stripe;
using Platform.Payments.Tests.FakeStripe;

namespace Platform.Payments.Tests;

/// <summary>The Stripe connector (Stripe.net) against the fake Stripe server over real HTTP.</summary>
public sealed class StripeConnectorTests(StripeServerFixture fixture) : IClassFixture<StripeServerFixture>
{
    private readonly string _contract = $"acme/contract-{Guid.NewGuid():N}"[..30];

    private FakeStripeServer Stripe => fixture.Server;

    [Fact]
    public async Task Funds_are_held_by_a_payment_intent_with_manual_capture_then_captured_each_under_its_idempotency_key()
    {
        using var connector = Connector();

        var authorization = await connector.AuthorizeAsync(new AuthorizePaymentRequest(Key(PaymentStep.Authorize), _contract, 12_500, "eur", "pm_card_visa"), default);
        var capture = await connector.CaptureAsync(new CapturePaymentRequest(Key(PaymentStep.Capture), _contract, authorization.PaymentIntentId, 12_500), default);

        authorization.AmountCapturable.ShouldBe(12_500);
        capture.ShouldBe(new PaymentCapture(authorization.PaymentIntentId, 12_500));
        var create = RequestsFor(Key(PaymentStep.Authorize)).ShouldHaveSingleItem();
        create.Path.ShouldBe("payment_intents");
        create.Form["capture_method"].ShouldBe("manual");
        create.Form["confirm"].ShouldBe("true");
        create.Form["amount"].ShouldBe("12500");
        create.Form["payment_method"].ShouldBe("pm_card_visa");
        create.Form["metadata[escrow_contract]"].ShouldBe(_contract);
        create.Form["transfer_group"].ShouldBe(_contract);
        RequestsFor(Key(PaymentStep.Capture)).ShouldHaveSingleItem().Path.ShouldBe($"payment_intents/{authorization.PaymentIntentId}/capture");
    }

    [Fact]
    public async Task Transfers_go_to_the_connected_account_and_refunds_to_the_payment_intent_each_under_its_idempotency_key()
    {
        using var connector = Connector();
        var intent = await CapturedIntentAsync(connector, 9_000);

        var transfer = await connector.TransferAsync(new TransferFundsRequest(Key(PaymentStep.Transfer), _contract, 8_100, "eur", "acct_1Freelancer"), default);
        var refund = await connector.RefundAsync(new RefundPaymentRequest(Key(PaymentStep.Refund), _contract, intent, 9_000), default);

        transfer.Amount.ShouldBe(8_100);
        refund.Amount.ShouldBe(9_000);
        var sent = RequestsFor(Key(PaymentStep.Transfer)).ShouldHaveSingleItem();
        sent.Form["destination"].ShouldBe("acct_1Freelancer");
        sent.Form["amount"].ShouldBe("8100");
        RequestsFor(Key(PaymentStep.Refund)).ShouldHaveSingleItem().Form["payment_intent"].ShouldBe(intent);
        Stripe.Requests.Where(request => request.Form.GetValueOrDefault("metadata[escrow_contract]") == _contract)
            .ShouldAllBe(request => request.IdempotencyKey != null);
    }

    [Fact]
    public async Task A_5xx_answer_is_retried_by_Stripe_net_with_the_same_idempotency_key_and_the_capture_is_performed_once()
    {
        using var connector = Connector();
        var intent = await AuthorizedIntentAsync(connector, 5_000);
        Stripe.FailNext($"payment_intents/{intent}/capture", FakeStripeFault.ServerErrorBeforePerforming);

        var capture = await connector.CaptureAsync(new CapturePaymentRequest(Key(PaymentStep.Capture), _contract, intent, 5_000), default);

        capture.AmountCaptured.ShouldBe(5_000);
        var attempts = RequestsFor(Key(PaymentStep.Capture));
        attempts.Select(request => request.Fault).ShouldBe([FakeStripeFault.ServerErrorBeforePerforming, null]);
        Stripe.Performed(Key(PaymentStep.Capture)).ShouldBe(1);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_transfer_was_made_is_retried_with_the_same_key_and_replayed_not_made_again()
    {
        using var connector = Connector();
        Stripe.FailNext("transfers", FakeStripeFault.DropConnectionAfterPerforming);

        var transfer = await connector.TransferAsync(new TransferFundsRequest(Key(PaymentStep.Transfer), _contract, 4_000, "eur", "acct_1Freelancer"), default);

        var attempts = RequestsFor(Key(PaymentStep.Transfer));
        attempts.Count.ShouldBe(2);
        attempts[1].Replayed.ShouldBeTrue();
        Stripe.Performed(Key(PaymentStep.Transfer)).ShouldBe(1);
        Stripe.Events.Count(stripeEvent => stripeEvent.Payload.Contains(transfer.TransferId, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_after_capturing_is_an_unknown_outcome_and_the_retry_with_the_same_key_does_not_capture_twice()
    {
        using var connector = Connector(retries: 0);
        using var impatient = Connector(retries: 0, timeout: TimeSpan.FromSeconds(1));
        var intent = await AuthorizedIntentAsync(connector, 7_000);
        var request = new CapturePaymentRequest(Key(PaymentStep.Capture), _contract, intent, 7_000);
        Stripe.FailNext($"payment_intents/{intent}/capture", FakeStripeFault.HangAfterPerforming);

        var lost = await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => impatient.CaptureAsync(request, default));
        var capture = await connector.CaptureAsync(request, default);

        lost.Message.ShouldBe(
            $"The outcome of Capture (idempotency key '{request.IdempotencyKey}') is unknown: Stripe did not answer within 1 s (Payments:Stripe:Timeout). Repeat it with the same key.");
        capture.AmountCaptured.ShouldBe(7_000);
        RequestsFor(request.IdempotencyKey).Select(sent => sent.Replayed).ShouldBe([false, true]);
        Stripe.Performed(request.IdempotencyKey).ShouldBe(1);
    }

    [Fact]
    public async Task A_declined_card_is_a_refusal_with_Stripe_s_decline_code_and_the_same_key_gets_the_same_answer()
    {
        using var connector = Connector();
        var request = new AuthorizePaymentRequest(Key(PaymentStep.Authorize), _contract, 3_000, "eur", FakeStripeServer.DeclinedCard);

        var first = await Should.ThrowAsync<PaymentRefusedException>(() => connector.AuthorizeAsync(request, default));
        var second = await Should.ThrowAsync<PaymentRefusedException>(() => connector.AuthorizeAsync(request, default));

        first.Message.ShouldBe(
            $"The payment provider refused Authorize (idempotency key '{request.IdempotencyKey}'): generic_decline: Your card was declined. Nothing was done.");
        (first.Code, second.Code).ShouldBe(("generic_decline", "generic_decline"));
        RequestsFor(request.IdempotencyKey).Select(sent => sent.Replayed).ShouldBe([false, true]);
    }

    [Fact]
    public async Task A_wrong_api_key_is_a_refusal_and_nothing_is_performed()
    {
        using var connector = Connector(apiKey: "sk_test_wrong");

        var refused = await Should.ThrowAsync<PaymentRefusedException>(
            () => connector.AuthorizeAsync(new AuthorizePaymentRequest(Key(PaymentStep.Authorize), _contract, 1_000, "eur", "pm_card_visa"), default));

        refused.Code.ShouldBe("api_key_invalid");
        Stripe.Performed(Key(PaymentStep.Authorize)).ShouldBe(0);
    }

    [Fact]
    public async Task A_signed_event_is_read_into_a_notification_for_its_contract()
    {
        using var connector = Connector();
        var intent = await CapturedIntentAsync(connector, 2_500);
        var captured = Stripe.Events.Last(stripeEvent => stripeEvent.Type == "payment_intent.succeeded" && stripeEvent.Payload.Contains(intent, StringComparison.Ordinal));

        var notification = connector.ParseWebhook(captured.Payload, FakeStripeServer.Sign(captured.Payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        notification.ShouldBe(new PaymentNotification(
            captured.Id, PaymentNotificationKind.Captured, intent, intent, _contract, 2_500, notification.OccurredAt));
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_is_refused_with_a_precise_error()
    {
        using var connector = Connector();
        var stripeEvent = await AnyEventAsync(connector);

        var refused = Should.Throw<PaymentWebhookException>(() => connector.ParseWebhook(
            stripeEvent.Payload, FakeStripeServer.Sign(stripeEvent.Payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "whsec_someone_else")));

        refused.Message.ShouldBe(
            "The Stripe notification was refused: The expected signature was not found in the Stripe-Signature header. " +
            "Make sure you're using the correct webhook secret (whsec_) and confirm the incoming request came from Stripe.");
    }

    [Fact]
    public async Task A_webhook_whose_payload_was_changed_after_signing_is_refused()
    {
        using var connector = Connector();
        var stripeEvent = await AnyEventAsync(connector);
        var signature = FakeStripeServer.Sign(stripeEvent.Payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        Should.Throw<PaymentWebhookException>(() => connector.ParseWebhook(stripeEvent.Payload.Replace("\"livemode\":false", "\"livemode\":true", StringComparison.Ordinal), signature))
            .Message.ShouldStartWith("The Stripe notification was refused: The expected signature was not found in the Stripe-Signature header.");
    }

    [Fact]
    public async Task A_webhook_signed_longer_ago_than_the_tolerance_is_refused_as_a_replay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var connector = Connector(time: time);
        var stripeEvent = await AnyEventAsync(connector);
        var signature = FakeStripeServer.Sign(stripeEvent.Payload, time.GetUtcNow().ToUnixTimeSeconds());
        time.Advance(TimeSpan.FromMinutes(6));

        Should.Throw<PaymentWebhookException>(() => connector.ParseWebhook(stripeEvent.Payload, signature)).Message.ShouldBe(
            "The Stripe notification was refused: The webhook cannot be processed because the current timestamp is outside of the allowed tolerance.");
    }

    [Theory]
    [InlineData("", "The Stripe notification has no Stripe-Signature header; every notification must be signed, so it is refused.")]
    [InlineData("v1=abc", "The Stripe notification's Stripe-Signature header 'v1=abc' has no timestamp 't=<unix seconds>'; it is refused.")]
    [InlineData("t=1796000000", "The Stripe notification's Stripe-Signature header 't=1796000000' has no 'v1=' signature; it is refused.")]
    public void A_webhook_without_a_well_formed_signature_header_is_refused_naming_what_is_missing(string header, string message)
    {
        using var connector = Connector();

        Should.Throw<PaymentWebhookException>(() => connector.ParseWebhook("{}", header)).Message.ShouldBe(message);
    }

    /// <param name="timeout">
    /// 10 s unless the test is about the timeout: on a busy machine the fake Stripe server's first answers have taken over
    /// a second.
    /// </param>
    private StripePaymentProvider Connector(int retries = 2, string apiKey = FakeStripeServer.ApiKey, TimeProvider? time = null, TimeSpan? timeout = null) => new(
        Options.Create(new PaymentsOptions
        {
            Provider = PaymentsOptions.StripeProvider,
            Stripe = new StripePaymentOptions
            {
                ApiKey = apiKey,
                WebhookSecret = FakeStripeServer.WebhookSecret,
                ApiBase = Stripe.ApiBase,
                Timeout = timeout ?? TimeSpan.FromSeconds(10),
                MaxNetworkRetries = retries,
            },
        }),
        time ?? TimeProvider.System,
        NullLogger<StripePaymentProvider>.Instance);

    private string Key(PaymentStep step) => PaymentIdempotencyKeys.For(_contract, step, 1);

    private List<FakeStripeRequest> RequestsFor(string idempotencyKey) => Stripe.Requests.Where(request => request.IdempotencyKey == idempotencyKey).ToList();

    private async Task<string> AuthorizedIntentAsync(StripePaymentProvider connector, long amount) =>
        (await connector.AuthorizeAsync(new AuthorizePaymentRequest(Key(PaymentStep.Authorize), _contract, amount, "eur", "pm_card_visa"), default)).PaymentIntentId;

    private async Task<string> CapturedIntentAsync(StripePaymentProvider connector, long amount)
    {
        var intent = await AuthorizedIntentAsync(connector, amount);
        await connector.CaptureAsync(new CapturePaymentRequest(Key(PaymentStep.Capture), _contract, intent, amount), default);
        return intent;
    }

    private async Task<FakeStripeEvent> AnyEventAsync(StripePaymentProvider connector)
    {
        var intent = await AuthorizedIntentAsync(connector, 1_000);
        return Stripe.Events.Last(stripeEvent => stripeEvent.Payload.Contains(intent, StringComparison.Ordinal));
    }
}
