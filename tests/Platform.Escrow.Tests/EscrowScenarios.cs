using Orleans.TestingHost;
using Platform.EventSourcing;
using Platform.Grains.Alerts;
using Platform.Grains.Escrow;
using Platform.Grains.Notifications;
using Platform.Grains.Tests.Support;
using Platform.Payments;
using Platform.Payments.Simulated;

namespace Platform.Escrow.Tests;

/// <summary>
/// What the escrow grain does with the simulated provider, run on each storage (memory and PostgreSQL). Every test
/// keeps to a tenant of its own, so its ledger is its own too.
/// </summary>
public abstract class EscrowScenarios(EscrowCluster fixture)
{
    protected static readonly EscrowTerms Terms = new("client-7", "freelancer-9", "acct_1Freelancer9", 10_000, "EUR", 1_000);

    protected static readonly string[] ReleasedTrail =
    [
        "escrow.created", "escrow.payment-requested", "escrow.funds-authorized", "escrow.payment-requested", "escrow.funds-captured",
        "escrow.parties-notified", "escrow.work-submitted", "escrow.work-approved", "escrow.payment-requested", "escrow.funds-released",
        "escrow.parties-notified",
    ];

    /// <summary>The versions of the trail's money events, which name their notifications.</summary>
    private const int CapturedVersion = 5;
    private const int ReleasedVersion = 10;

    protected string Tenant { get; } = $"t{Guid.NewGuid():N}"[..20];

    protected EscrowCluster Fixture => fixture;

    [Fact]
    public async Task A_contract_goes_from_funding_to_release_and_its_journal_is_its_audit_trail()
    {
        var escrow = Escrow("lifecycle");

        (await escrow.Create(Terms)).Status.ShouldBe(EscrowStatus.Created);
        var funded = await escrow.Fund("pm_card_visa");
        (await escrow.SubmitWork("deliverable-1")).Status.ShouldBe(EscrowStatus.WorkSubmitted);
        (await escrow.Approve()).Status.ShouldBe(EscrowStatus.Approved);
        var released = await escrow.Release();

        funded.Status.ShouldBe(EscrowStatus.Funded);
        funded.PaymentIntentId.ShouldNotBeNull();
        released.ShouldBe(funded with
        {
            Status = EscrowStatus.Released,
            TransferId = released.TransferId,
            Version = ReleasedTrail.Length,
            UpdatedAt = released.UpdatedAt,
        });
        released.Terms.Currency.ShouldBe("eur");
        (await escrow.GetHistory()).Select(entry => entry.Type).ShouldBe(ReleasedTrail);
        var books = await Books(escrow);
        books.Select(operation => (operation.Step, operation.Performed, operation.Requests))
            .ShouldBe([(PaymentStep.Authorize, true, 1), (PaymentStep.Capture, true, 1), (PaymentStep.Transfer, true, 1)], ignoreOrder: true);
        books.Single(operation => operation.Step == PaymentStep.Transfer).Amount.ShouldBe(9_000);
    }

    [Fact]
    public async Task Repeating_an_action_whose_effect_the_contract_has_returns_it_unchanged()
    {
        var escrow = await ApprovedAsync("repeat");
        var released = await escrow.Release();

        (await escrow.Create(Terms)).ShouldBe(released);
        (await escrow.Fund("pm_card_visa")).ShouldBe(released);
        (await escrow.SubmitWork("deliverable-1")).ShouldBe(released);
        (await escrow.Approve()).ShouldBe(released);
        (await escrow.Release()).ShouldBe(released);
        (await Books(escrow)).ShouldAllBe(operation => operation.Requests == 1);
    }

    [Fact]
    public async Task An_illegal_transition_fails_naming_the_contract_its_status_and_the_action()
    {
        var escrow = Escrow("illegal");
        var key = escrow.GetPrimaryKeyString();

        (await Should.ThrowAsync<IllegalEscrowTransitionException>(() => escrow.Fund("pm_card_visa"))).Message
            .ShouldBe($"Cannot Fund escrow '{key}': it has not been created; Fund is allowed only from Created.");
        await escrow.Create(Terms);
        var release = await Should.ThrowAsync<IllegalEscrowTransitionException>(() => escrow.Release());
        (await Should.ThrowAsync<IllegalEscrowTransitionException>(() => escrow.SubmitWork("deliverable-1"))).Message
            .ShouldBe($"Cannot SubmitWork escrow '{key}': it is Created; SubmitWork is allowed only from Funded.");
        (await Should.ThrowAsync<IllegalEscrowTransitionException>(() => escrow.Dispute(DisputeReason.NotDelivered))).Message
            .ShouldBe($"Cannot Dispute escrow '{key}': it is Created; Dispute is allowed only from Funded, WorkSubmitted or Approved.");
        await escrow.Fund("pm_card_visa");
        await escrow.Refund();
        (await Should.ThrowAsync<IllegalEscrowTransitionException>(() => escrow.Approve())).Message
            .ShouldBe($"Cannot Approve escrow '{key}': it is Refunded; Approve is allowed only from WorkSubmitted.");

        release.Message.ShouldBe($"Cannot Release escrow '{key}': it is Created; Release is allowed only from Approved or Disputed.");
        (release.ContractKey, release.Status, release.Action).ShouldBe((key, EscrowStatus.Created, EscrowAction.Release));
        (await Books(escrow)).Count(operation => operation.Step == PaymentStep.Transfer).ShouldBe(0);
    }

    [Fact]
    public async Task A_released_contract_cannot_be_refunded_and_a_refunded_one_cannot_be_released()
    {
        var released = await ApprovedAsync("released");
        await released.Release();
        var refunded = await ApprovedAsync("refunded");
        await refunded.Dispute(DisputeReason.QualityIssue);
        await refunded.Refund();

        (await Should.ThrowAsync<IllegalEscrowTransitionException>(() => released.Refund())).Message.ShouldBe(
            $"Cannot Refund escrow '{released.GetPrimaryKeyString()}': it is Released; Refund is allowed only from Funded, WorkSubmitted or Disputed.");
        (await Should.ThrowAsync<IllegalEscrowTransitionException>(() => refunded.Release())).Message.ShouldBe(
            $"Cannot Release escrow '{refunded.GetPrimaryKeyString()}': it is Refunded; Release is allowed only from Approved or Disputed.");
    }

    [Fact]
    public async Task A_dispute_is_resolved_by_a_release_or_a_refund()
    {
        var toFreelancer = await ApprovedAsync("dispute-release");
        var toClient = Escrow("dispute-refund");
        await toClient.Create(Terms);
        await toClient.Fund("pm_card_visa");

        (await toFreelancer.Dispute(DisputeReason.NotAsDescribed)).DisputeReason.ShouldBe(DisputeReason.NotAsDescribed);
        (await toClient.Dispute(DisputeReason.NotDelivered)).Status.ShouldBe(EscrowStatus.Disputed);

        (await toFreelancer.Release()).Status.ShouldBe(EscrowStatus.Released);
        (await toClient.Refund()).Status.ShouldBe(EscrowStatus.Refunded);
        (await Books(toClient)).Single(operation => operation.Step == PaymentStep.Refund).Amount.ShouldBe(10_000);
    }

    [Fact]
    public async Task Keys_and_terms_are_refused_with_messages_that_name_the_field_and_value()
    {
        var key = Escrow("terms").GetPrimaryKeyString();

        (await Should.ThrowAsync<ArgumentException>(() => Fixture.Grains.GetGrain<IEscrowGrain>("contract-1").Create(Terms))).Message
            .ShouldStartWith("Grain key 'contract-1' has no tenant; expected 'tenant/id'.");
        (await Should.ThrowAsync<ArgumentException>(() => Fixture.Grains.GetGrain<IEscrowGrain>("Acme/contract-1").Create(Terms))).Message
            .ShouldStartWith("Tenant id 'Acme' in grain key 'Acme/contract-1' contains 'A' at position 1;");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { ClientId = "jane@example.com" }))).Message.ShouldStartWith(
            $"Escrow '{key}': the client id must be an opaque id, never a name or an e-mail address: Id 'jane@example.com' contains '@' at position 5;");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { FreelancerId = "Jane Doe" }))).Message.ShouldStartWith(
            $"Escrow '{key}': the freelancer id must be an opaque id, never a name or an e-mail address: Id 'Jane Doe' contains ' ' at position 5;");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { FreelancerAccountId = "freelancer-bank" }))).Message.ShouldStartWith(
            $"Escrow '{key}': the freelancer account id must be a connected account id 'acct_...'; it is 'freelancer-bank'.");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { Amount = 0 }))).Message.ShouldStartWith(
            $"Escrow '{key}': the amount must be between 1 and 99999999 minor units; it is 0.");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { PlatformFee = 10_000 }))).Message.ShouldStartWith(
            $"Escrow '{key}': the platform fee must be at least 0 and below the amount (10000); it is 10000.");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { Currency = "EURO" }))).Message.ShouldStartWith(
            $"Escrow '{key}': the currency must be a three-letter ISO 4217 code such as EUR; it is 'EURO'.");
        (await Should.ThrowAsync<ArgumentException>(() => Escrow("terms").Create(Terms with { FreelancerId = Terms.ClientId }))).Message.ShouldStartWith(
            $"Escrow '{key}': the client id and the freelancer id must differ; both are 'client-7'.");
        await Escrow("terms").Create(Terms);
        (await Should.ThrowAsync<InvalidOperationException>(() => Escrow("terms").Create(Terms with { Amount = 20_000 }))).Message.ShouldBe(
            $"Escrow '{key}' was created with other terms (client client-7, freelancer freelancer-9 (acct_1Freelancer9), 10000 eur, fee 1000); " +
            "Create is allowed once, now asked for client client-7, freelancer freelancer-9 (acct_1Freelancer9), 20000 eur, fee 1000.");
        (await Escrow("terms").Get())!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_release_calls_make_exactly_one_transfer()
    {
        var escrow = await ApprovedAsync("concurrent");

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => escrow.Release()));

        snapshots.ShouldAllBe(snapshot => snapshot.Status == EscrowStatus.Released);
        snapshots.Select(snapshot => snapshot.TransferId).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        var transfer = (await Books(escrow)).Where(operation => operation.Step == PaymentStep.Transfer).ShouldHaveSingleItem();
        (transfer.Performed, transfer.Requests).ShouldBe((true, 1));
        (await escrow.GetHistory()).Count(entry => entry.Type == "escrow.funds-released").ShouldBe(1);
    }

    [Fact]
    public async Task A_capture_whose_answer_timed_out_is_repeated_with_the_same_key_and_captured_once()
    {
        var escrow = Escrow("capture-timeout");
        await escrow.Create(Terms);
        Fixture.Faults.Inject(escrow.GetPrimaryKeyString(), PaymentStep.Capture, SimulatedFault.TimeoutAfterPerforming);

        var lost = await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => escrow.Fund("pm_card_visa"));
        var pending = (await escrow.Get())!;
        var funded = await escrow.Fund("pm_card_visa");

        var key = $"escrow/{escrow.GetPrimaryKeyString()}/capture/1";
        lost.IdempotencyKey.ShouldBe(key);
        (pending.Status, pending.Pending).ShouldBe((EscrowStatus.Created, new PendingPayment(PaymentStep.Capture, 1, key)));
        (funded.Status, funded.Pending).ShouldBe((EscrowStatus.Funded, null));
        var capture = (await Books(escrow)).Where(operation => operation.Step == PaymentStep.Capture).ShouldHaveSingleItem();
        (capture.IdempotencyKey, capture.Performed, capture.Requests).ShouldBe((key, true, 2));
    }

    [Fact]
    public async Task A_transfer_interrupted_by_a_crash_after_the_provider_made_it_completes_once_after_reactivation()
    {
        var escrow = await ApprovedAsync("crash");
        Fixture.Faults.Inject(escrow.GetPrimaryKeyString(), PaymentStep.Transfer, SimulatedFault.TimeoutAfterPerforming);
        await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => escrow.Release());

        await DeactivateAsync(escrow);
        var reactivated = (await escrow.Get())!;
        var released = await escrow.Release();

        reactivated.Pending.ShouldBe(new PendingPayment(PaymentStep.Transfer, 1, $"escrow/{escrow.GetPrimaryKeyString()}/transfer/1"), "the intent is in the journal");
        released.Status.ShouldBe(EscrowStatus.Released);
        var transfer = (await Books(escrow)).Where(operation => operation.Step == PaymentStep.Transfer).ShouldHaveSingleItem();
        (transfer.Performed, transfer.Requests).ShouldBe((true, 2));
        (await escrow.GetHistory()).Select(entry => entry.Type).ShouldBe(ReleasedTrail);
    }

    [Fact]
    public async Task Any_call_after_a_crash_first_completes_the_pending_step_so_nothing_can_overtake_it()
    {
        var escrow = await ApprovedAsync("overtake");
        Fixture.Faults.Inject(escrow.GetPrimaryKeyString(), PaymentStep.Transfer, SimulatedFault.TimeoutAfterPerforming);
        await Should.ThrowAsync<PaymentOutcomeUnknownException>(() => escrow.Release());
        await DeactivateAsync(escrow);

        // A dispute would allow a refund; the transfer that was made must be recorded first.
        var refused = await Should.ThrowAsync<IllegalEscrowTransitionException>(() => escrow.Dispute(DisputeReason.QualityIssue));

        refused.Status.ShouldBe(EscrowStatus.Released);
        (await Books(escrow)).Count(operation => operation.Step is PaymentStep.Transfer or PaymentStep.Refund).ShouldBe(1);
    }

    [Fact]
    public async Task A_declined_card_is_recorded_and_funding_again_uses_a_new_key()
    {
        var escrow = Escrow("declined");
        await escrow.Create(Terms);

        var declined = await Should.ThrowAsync<PaymentRefusedException>(() => escrow.Fund(SimulatedProcessorGrain.DeclinedPaymentMethod));
        var funded = await escrow.Fund("pm_card_visa");

        declined.Code.ShouldBe("card_declined");
        funded.Status.ShouldBe(EscrowStatus.Funded);
        (await Books(escrow)).Where(operation => operation.Step == PaymentStep.Authorize).Select(operation => (operation.IdempotencyKey, operation.Performed))
            .ShouldBe([($"escrow/{escrow.GetPrimaryKeyString()}/authorize/1", false), ($"escrow/{escrow.GetPrimaryKeyString()}/authorize/2", true)]);
        (await escrow.GetHistory()).Select(entry => entry.Type).ShouldContain("escrow.payment-refused");
    }

    [Fact]
    public async Task Escrow_events_carry_parties_only_as_opaque_ids()
    {
        var escrow = await ApprovedAsync("pseudonymous");
        await escrow.Release();

        var history = await escrow.GetHistory();

        history.ShouldAllBe(entry => !entry.Json.Contains('@'));
        string.Join('\n', history.Select(entry => entry.Json)).ShouldContain("\"clientId\":\"client-7\"");
    }

    [Fact]
    public async Task The_stored_ledger_matches_the_one_recomputed_from_the_journal_after_many_contracts()
    {
        const int contracts = 30;
        var terms = Enumerable.Range(0, contracts).Select(i => Terms with { Amount = 1_000 + (i * 10), PlatformFee = 100 + i }).ToArray();
        await Task.WhenAll(Enumerable.Range(0, contracts).Select(async i =>
        {
            var escrow = Escrow($"ledger-{i}");
            await escrow.Create(terms[i]);
            await escrow.Fund("pm_card_visa");
            switch (i % 3)
            {
                case 0:
                    await escrow.SubmitWork($"deliverable-{i}");
                    await escrow.Approve();
                    await escrow.Release();
                    break;
                case 1:
                    await escrow.Dispute(DisputeReason.NotDelivered);
                    await escrow.Refund();
                    break;
            }
        }));

        var verification = await Ledger().Verify();
        var balances = await Ledger().GetBalances();

        verification.Balanced.ShouldBeTrue(string.Join("; ", verification.Mismatches));
        verification.Postings.ShouldBe(contracts + (2 * contracts / 3));
        var released = terms.Where((_, i) => i % 3 == 0).ToArray();
        Balance(balances, LedgerAccountKind.PlatformFee, Tenant).ShouldBe(released.Sum(term => term.PlatformFee));
        Balance(balances, LedgerAccountKind.FreelancerPayable, Terms.FreelancerId).ShouldBe(released.Sum(term => term.Amount - term.PlatformFee));
        Balance(balances, LedgerAccountKind.ClientFunds, Terms.ClientId).ShouldBe(-terms.Where((_, i) => i % 3 != 1).Sum(term => term.Amount));
        balances.Where(balance => balance.Account.Kind == LedgerAccountKind.EscrowHolding).Sum(balance => balance.Balance)
            .ShouldBe(terms.Where((_, i) => i % 3 == 2).Sum(term => term.Amount), "only the contracts still funded hold money");
        balances.Sum(balance => balance.Balance).ShouldBe(0, "every posting balances, so the whole ledger does");
    }

    [Fact]
    public async Task Both_parties_are_told_once_of_the_funding_and_the_release_even_when_the_calls_are_retried()
    {
        var escrow = Escrow("told-release");
        var contract = escrow.GetPrimaryKeyString();
        await escrow.Create(Terms);

        await Task.WhenAll(escrow.Fund("pm_card_visa"), escrow.Fund("pm_card_visa"));
        await escrow.Fund("pm_card_visa");
        await escrow.SubmitWork("deliverable-1");
        await escrow.Approve();
        await Task.WhenAll(escrow.Release(), escrow.Release());
        await escrow.Release();

        foreach (var party in new[] { Terms.FreelancerId, Terms.ClientId })
        {
            var recipient = $"{Tenant}/{party}";
            var alerts = await AlertsAsync(recipient, 2);
            alerts.Select(alert => (alert.Kind, alert.NotificationId)).ShouldBe(
            [
                (NotificationKind.EscrowFunded, $"{contract}@{CapturedVersion}/EscrowFunded/{recipient}"),
                (NotificationKind.EscrowReleased, $"{contract}@{ReleasedVersion}/EscrowReleased/{recipient}"),
            ]);
            alerts[0].Payload.ShouldBe(new Dictionary<string, string> { ["contract"] = contract, ["job"] = contract, ["amount"] = "10000", ["currency"] = "EUR" }, ignoreOrder: true);
            alerts[1].Payload.ShouldBe(new Dictionary<string, string>
            {
                ["contract"] = contract, ["job"] = contract, ["amount"] = "10000", ["payout"] = "9000", ["platformFee"] = "1000", ["currency"] = "EUR",
            }, ignoreOrder: true);
        }

        (await escrow.GetHistory()).Select(entry => entry.Type).ShouldBe(ReleasedTrail, "each money event is announced once, whatever the retries");
    }

    [Fact]
    public async Task Both_parties_are_told_once_of_a_refund()
    {
        var escrow = Escrow("told-refund");
        var contract = escrow.GetPrimaryKeyString();
        await escrow.Create(Terms);
        await escrow.Fund("pm_card_visa");
        await escrow.Dispute(DisputeReason.NotDelivered);

        await escrow.Refund();
        await escrow.Refund();

        foreach (var party in new[] { Terms.FreelancerId, Terms.ClientId })
        {
            var alerts = await AlertsAsync($"{Tenant}/{party}", 2);
            alerts.Select(alert => alert.Kind).ShouldBe([NotificationKind.EscrowFunded, NotificationKind.EscrowRefunded]);
            alerts[1].Payload.ShouldBe(new Dictionary<string, string> { ["contract"] = contract, ["job"] = contract, ["amount"] = "10000", ["currency"] = "EUR" }, ignoreOrder: true);
        }

        (await escrow.GetHistory()).Count(entry => entry.Type == "escrow.parties-notified").ShouldBe(2);
    }

    [Fact]
    public async Task A_capture_recorded_before_a_crash_is_announced_when_the_contract_is_next_activated()
    {
        var model = Escrow("announced");
        await model.Create(Terms);
        await model.Fund("pm_card_visa");
        var crashed = Escrow("crashed-before-announcing");
        var contract = crashed.GetPrimaryKeyString();

        // What a silo leaves behind when it dies after recording the capture and before telling the parties.
        var recorded = await Fixture.Journal.ReadStreamAsync($"escrow/{model.GetPrimaryKeyString()}", 0, 100, CancellationToken.None);
        var upToCapture = recorded.TakeWhile(entry => entry.Type != "escrow.parties-notified").Select(entry => new EventData(entry.Type, entry.Data)).ToList();
        await Fixture.Journal.AppendAsync($"escrow/{contract}", 0, upToCapture, null, CancellationToken.None);

        var read = await crashed.Get();

        upToCapture.Count.ShouldBe(CapturedVersion);
        read!.Status.ShouldBe(EscrowStatus.Funded);
        foreach (var party in new[] { Terms.FreelancerId, Terms.ClientId })
        {
            var recipient = $"{Tenant}/{party}";
            var told = (await AlertsAsync(recipient, 2)).Where(alert => alert.Payload["contract"] == contract).ShouldHaveSingleItem();
            (told.Kind, told.NotificationId).ShouldBe((NotificationKind.EscrowFunded, $"{contract}@{CapturedVersion}/EscrowFunded/{recipient}"));
        }

        (await crashed.GetHistory()).Select(entry => entry.Type).Skip(CapturedVersion).ShouldBe(["escrow.parties-notified"]);
    }

    protected IEscrowGrain Escrow(string name) => Fixture.Grains.GetGrain<IEscrowGrain>($"{Tenant}/{name}");

    protected IEscrowLedgerGrain Ledger() => Fixture.Grains.GetGrain<IEscrowLedgerGrain>(Tenant);

    protected async Task<IEscrowGrain> ApprovedAsync(string name)
    {
        var escrow = Escrow(name);
        await escrow.Create(Terms);
        await escrow.Fund("pm_card_visa");
        await escrow.SubmitWork("deliverable-1");
        await escrow.Approve();
        return escrow;
    }

    protected static long Balance(IEnumerable<LedgerBalance> balances, LedgerAccountKind kind, string owner) =>
        balances.Single(balance => balance.Account == new LedgerAccount(kind, owner)).Balance;

    /// <summary>
    /// The alerts of <paramref name="user"/> once there are <paramref name="count"/>, after a pause that would reveal any
    /// more (a notification the alert grain took for a new one).
    /// </summary>
    private async Task<IReadOnlyList<Alert>> AlertsAsync(string user, int count)
    {
        var alerts = Fixture.Grains.GetGrain<IUserAlertsGrain>(user);
        await Eventually.Until(() => alerts.Since(0), catchUp => catchUp.LastSequence >= count, $"{count} alerts of {user}");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var settled = await alerts.Since(0);
        settled.LastSequence.ShouldBe(count);
        return settled.Alerts;
    }

    private Task<IReadOnlyList<SimulatedOperation>> Books(IEscrowGrain escrow) =>
        Fixture.Grains.GetGrain<ISimulatedProcessorGrain>(escrow.GetPrimaryKeyString()).GetOperations();

    /// <summary>Deactivates the grain and waits until it is gone, so the next call activates it from the journal.</summary>
    private async Task DeactivateAsync(IEscrowGrain escrow)
    {
        await Fixture.Cluster.DeactivateAsync(escrow);
        (await Fixture.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)escrow)).ShouldBe(0);
    }
}
