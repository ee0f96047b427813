using System.Net;
using Platform.Grains.Escrow;
using Platform.Payments;
using Platform.Payments.Tests.FakeStripe;

namespace Platform.Escrow.Tests;

/// <summary>The escrow grain on the Stripe connector against the fake Stripe server, with webhooks delivered over HTTP.</summary>
public sealed class StripeEscrowTests(StripeEscrowCluster fixture) : IClassFixture<StripeEscrowCluster>
{
    private static readonly EscrowTerms Terms = new("client-7", "freelancer-9", "acct_1Freelancer9", 10_000, "eur", 1_000);

    private readonly string _tenant = $"t{Guid.NewGuid():N}"[..20];

    private FakeStripeServer Stripe => fixture.Stripe;

    [Fact]
    public async Task Funding_and_release_send_every_Stripe_request_under_the_key_of_its_contract_and_step()
    {
        var escrow = await ApprovedAsync("stripe-lifecycle");

        var released = await escrow.Release();

        released.Status.ShouldBe(EscrowStatus.Released);
        var sent = RequestsOf(escrow);
        sent.Select(request => (request.Path.Split('/')[0], request.IdempotencyKey)).ShouldBe(
        [
            ("payment_intents", Key(escrow, "authorize")),
            ("payment_intents", Key(escrow, "capture")),
            ("transfers", Key(escrow, "transfer")),
        ]);
        sent[0].Form["capture_method"].ShouldBe("manual");
        sent[2].Form["destination"].ShouldBe("acct_1Freelancer9");
        sent[2].Form["amount"].ShouldBe("9000");
    }

    [Fact]
    public async Task A_Stripe_5xx_during_capture_is_retried_with_the_same_key_and_the_client_is_charged_once()
    {
        var escrow = Escrow("stripe-5xx");
        await escrow.Create(Terms);
        Stripe.FailNext("payment_intents/", FakeStripeFault.ServerErrorBeforePerforming);

        (await escrow.Fund("pm_card_visa")).Status.ShouldBe(EscrowStatus.Funded);

        RequestsOf(escrow).Where(request => request.IdempotencyKey == Key(escrow, "capture")).Select(request => request.Fault)
            .ShouldBe([FakeStripeFault.ServerErrorBeforePerforming, null]);
        Stripe.Performed(Key(escrow, "capture")).ShouldBe(1);
    }

    [Fact]
    public async Task A_duplicate_webhook_is_applied_once()
    {
        var escrow = Escrow("stripe-duplicate");
        await escrow.Create(Terms);
        var funded = await escrow.Fund("pm_card_visa");
        var captured = EventOf("payment_intent.succeeded", funded.PaymentIntentId!);

        var first = await DeliverAsync(captured);
        var second = await DeliverAsync(captured);

        (first, second).ShouldBe(("applied", "ignored"));
        var notified = (await escrow.GetHistory()).Where(entry => entry.Type == "escrow.payment-notified").ShouldHaveSingleItem();
        notified.Json.ShouldContain(captured.Id);
        (await escrow.Get())!.Status.ShouldBe(EscrowStatus.Funded);
    }

    [Fact]
    public async Task A_webhook_arriving_out_of_order_does_not_move_the_contract_back()
    {
        var escrow = await ApprovedAsync("stripe-out-of-order");
        var released = await escrow.Release();

        await DeliverAsync(EventOf("payment_intent.succeeded", released.PaymentIntentId!));
        await DeliverAsync(EventOf("payment_intent.amount_capturable_updated", released.PaymentIntentId!));

        var after = (await escrow.Get())!;
        after.Status.ShouldBe(EscrowStatus.Released);
        after.Version.ShouldBe(released.Version + 2, "both notifications are recorded, neither changes the status");
    }

    [Fact]
    public async Task A_webhook_completes_a_capture_whose_answer_was_lost_without_capturing_again()
    {
        var escrow = Escrow("stripe-lost-capture");
        await escrow.Create(Terms);
        Stripe.FailNext("payment_intents/", FakeStripeFault.DropConnectionAfterPerforming);
        Stripe.FailNext("payment_intents/", FakeStripeFault.ServerErrorBeforePerforming);
        Stripe.FailNext("payment_intents/", FakeStripeFault.ServerErrorBeforePerforming);

        var lost = await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => escrow.Fund("pm_card_visa"));
        var pending = (await escrow.Get())!;
        var applied = await DeliverAsync(EventOf("payment_intent.succeeded", pending.PaymentIntentId!));
        var funded = await escrow.Fund("pm_card_visa");

        lost.IdempotencyKey.ShouldBe(Key(escrow, "capture"));
        pending.Pending!.Step.ShouldBe(PaymentStep.Capture);
        applied.ShouldBe("applied");
        (funded.Status, funded.Pending).ShouldBe((EscrowStatus.Funded, null));
        RequestsOf(escrow).Count(request => request.IdempotencyKey == Key(escrow, "capture")).ShouldBe(3, "Stripe.net's retries; none after the webhook");
        Stripe.Performed(Key(escrow, "capture")).ShouldBe(1);
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_refused_with_400_and_a_precise_error_and_changes_nothing()
    {
        var escrow = Escrow("stripe-forged");
        await escrow.Create(Terms);
        var funded = await escrow.Fund("pm_card_visa");
        var captured = EventOf("payment_intent.succeeded", funded.PaymentIntentId!);
        using var forged = new HttpRequestMessage(HttpMethod.Post, fixture.WebhookEndpoint)
        {
            Content = new StringContent(captured.Payload),
            Headers = { { "Stripe-Signature", FakeStripeServer.Sign(captured.Payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "whsec_attacker") } },
        };
        using var client = new HttpClient();

        using var response = await client.SendAsync(forged);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(
            "The Stripe notification was refused: The expected signature was not found in the Stripe-Signature header.");
        (await escrow.Get())!.Version.ShouldBe(funded.Version);
    }

    private IEscrowGrain Escrow(string name) => fixture.Grains.GetGrain<IEscrowGrain>($"{_tenant}/{name}");

    private async Task<IEscrowGrain> ApprovedAsync(string name)
    {
        var escrow = Escrow(name);
        await escrow.Create(Terms);
        await escrow.Fund("pm_card_visa");
        await escrow.SubmitWork("deliverable-1");
        await escrow.Approve();
        return escrow;
    }

    private static string Key(IEscrowGrain escrow, string step) => $"escrow/{escrow.GetPrimaryKeyString()}/{step}/1";

    private List<FakeStripeRequest> RequestsOf(IEscrowGrain escrow) =>
        Stripe.Requests.Where(request => request.IdempotencyKey?.StartsWith($"escrow/{escrow.GetPrimaryKeyString()}/", StringComparison.Ordinal) == true).ToList();

    private FakeStripeEvent EventOf(string type, string objectId) =>
        Stripe.Events.Last(stripeEvent => stripeEvent.Type == type && stripeEvent.Payload.Contains($"\"id\":\"{objectId}\"", StringComparison.Ordinal));

    private async Task<string> DeliverAsync(FakeStripeEvent stripeEvent)
    {
        using var response = await Stripe.DeliverAsync(fixture.WebhookEndpoint, stripeEvent);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }
}
