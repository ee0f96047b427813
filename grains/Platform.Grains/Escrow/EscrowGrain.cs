using System.Text;
using Microsoft.Extensions.Logging;
using Platform.EventSourcing;
using Platform.Grains.Streams;
using Platform.Grains.Tenancy;
using Platform.Payments;

namespace Platform.Grains.Escrow;

/// <summary>
/// A contract's escrow as an event-sourced state machine (see <see cref="IEscrowGrain"/>). Money moves only in
/// <see cref="ResumePendingAsync"/>: a step is first recorded as requested (<see cref="PaymentRequested"/>, with its
/// idempotency key), then sent, then its outcome is recorded. A crash or a lost answer in between leaves the step
/// pending in the journal, and whichever activation runs next sends it again under the same key, so the provider does
/// it once. Orleans runs one call at a time per grain, so concurrent calls see each other's outcome.
/// <para>
/// The parties are told of each money event through the journal as an outbox (<see cref="EscrowState.Unannounced"/>):
/// the event itself puts it there, <see cref="AnnounceAsync"/> publishes its notifications and then records
/// <see cref="PartiesNotified"/>. Whatever fails in between, the next call or activation publishes it again under the
/// same notification ids, so each party gets each notification at least once and receivers keep one.
/// </para>
/// </summary>
/// <remarks>
/// No supervision directive for <see cref="PaymentOutcomeUnknownException"/>: the activation's state is the journal's
/// (the intent is recorded), so a restart would add nothing but a count against the grain type's restart intensity,
/// which a provider outage would exhaust for every contract at once.
/// </remarks>
[GrainType("escrow")]
internal sealed partial class EscrowGrain(IPaymentProvider payments, TimeProvider time, ILogger<EscrowGrain> logger)
    : JournaledGrainBase<EscrowState, EscrowEvent>, IEscrowGrain
{
    /// <summary>Rounds of deciding again after another activation appended first or after a step completed.</summary>
    private const int MaxRounds = 8;

    private const int HistoryPageSize = 500;

    private static readonly EscrowStatus[] DisputableStates = [EscrowStatus.Funded, EscrowStatus.WorkSubmitted, EscrowStatus.Approved];
    private static readonly EscrowStatus[] RefundableStates = [EscrowStatus.Funded, EscrowStatus.WorkSubmitted, EscrowStatus.Disputed];
    private static readonly EscrowStatus[] ReleasableStates = [EscrowStatus.Approved, EscrowStatus.Disputed];

    private TenantKey? _key;

    /// <summary>The key of the step this activation just requested: any other pending step was interrupted earlier.</summary>
    private string? _requested;

    private TenantKey Key => _key ??= TenantKey.Parse(this.GetPrimaryKeyString());

    private string ContractKey => Key.ToString();

    // The contract's own events are few; snapshots would only add writes.
    protected override int SnapshotInterval => 0;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The previous activation recorded money events but did not get to tell the parties (it failed, or its silo died
        // in between): tell them now, as a final contract may never be called again. The state is read first; Orleans
        // would otherwise read it only after activation.
        await RefreshNow();
        await AnnounceAsync();
    }

    public async Task<EscrowSnapshot> Create(EscrowTerms terms)
    {
        var normalized = EscrowTermsRules.Normalize(Key, terms);
        return await RunAsync(EscrowAction.Create, async () =>
        {
            if (State.Status != EscrowStatus.None)
            {
                return State.Terms == normalized
                    ? true
                    : throw new InvalidOperationException(
                        $"Escrow '{ContractKey}' was created with other terms ({Describe(State.Terms!)}); Create is allowed once, now asked for {Describe(normalized)}.");
            }

            return await RaiseConditionalEvent(new EscrowCreated(normalized) { At = time.GetUtcNow() });
        });
    }

    public async Task<EscrowSnapshot> Fund(string paymentMethodId)
    {
        EscrowTermsRules.CheckOpaqueId(Key, paymentMethodId, "payment method id");
        return await RunAsync(EscrowAction.Fund, async () =>
        {
            switch (State.Status)
            {
                case EscrowStatus.None:
                    throw Illegal(EscrowAction.Fund, EscrowStatus.Created);
                case EscrowStatus.Created:
                    // Authorize, then capture: each a step of its own, resumed by the next round.
                    await RequestAsync(State.PaymentIntentId is null ? PaymentStep.Authorize : PaymentStep.Capture, paymentMethodId);
                    return false;
                default:
                    return true;
            }
        });
    }

    public async Task<EscrowSnapshot> SubmitWork(string deliverableId)
    {
        EscrowTermsRules.CheckOpaqueId(Key, deliverableId, "deliverable id");
        return await RunAsync(EscrowAction.SubmitWork, async () =>
        {
            if (State.DeliverableId is { } submitted)
            {
                return submitted == deliverableId
                    ? true
                    : throw new InvalidOperationException(
                        $"Work for escrow '{ContractKey}' was submitted as '{submitted}'; it cannot be submitted again as '{deliverableId}'.");
            }

            return State.Status == EscrowStatus.Funded
                ? await RaiseConditionalEvent(new WorkSubmitted(deliverableId) { At = time.GetUtcNow() })
                : throw Illegal(EscrowAction.SubmitWork, EscrowStatus.Funded);
        });
    }

    public Task<EscrowSnapshot> Approve() => RunAsync(EscrowAction.Approve, async () =>
        State.Approved
        || (State.Status == EscrowStatus.WorkSubmitted
            ? await RaiseConditionalEvent(new WorkApproved { At = time.GetUtcNow() })
            : throw Illegal(EscrowAction.Approve, EscrowStatus.WorkSubmitted)));

    public async Task<EscrowSnapshot> Dispute(DisputeReason reason)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, $"Escrow '{ContractKey}': {(int)reason} is not a dispute reason.");
        }

        return await RunAsync(EscrowAction.Dispute, async () =>
            State.DisputeReason is not null
            || (DisputableStates.Contains(State.Status)
                ? await RaiseConditionalEvent(new DisputeOpened(reason) { At = time.GetUtcNow() })
                : throw Illegal(EscrowAction.Dispute, DisputableStates)));
    }

    public Task<EscrowSnapshot> Release() => RunAsync(EscrowAction.Release, async () =>
    {
        if (State.Status == EscrowStatus.Released)
        {
            return true;
        }

        await RequestAsync(ReleasableStates.Contains(State.Status) ? PaymentStep.Transfer : throw Illegal(EscrowAction.Release, ReleasableStates), null);
        return false;
    });

    public Task<EscrowSnapshot> Refund() => RunAsync(EscrowAction.Refund, async () =>
    {
        if (State.Status == EscrowStatus.Refunded)
        {
            return true;
        }

        await RequestAsync(RefundableStates.Contains(State.Status) ? PaymentStep.Refund : throw Illegal(EscrowAction.Refund, RefundableStates), null);
        return false;
    });

    public async Task<bool> ApplyPaymentNotification(PaymentNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (string.IsNullOrWhiteSpace(notification.EventId) || string.IsNullOrWhiteSpace(notification.ObjectId))
        {
            throw new ArgumentException($"A payment notification for escrow '{ContractKey}' needs an event id and an object id.", nameof(notification));
        }

        if (notification.ContractKey is { } addressed && addressed != ContractKey)
        {
            throw new ArgumentException(
                $"Payment notification '{notification.EventId}' is for contract '{addressed}', not for escrow '{ContractKey}'.", nameof(notification));
        }

        if (notification.Kind == PaymentNotificationKind.Other)
        {
            return false;
        }

        try
        {
            return await RecordNotificationAsync(notification);
        }
        finally
        {
            // The notification may have completed a step that moved money.
            await AnnounceAsync();
        }
    }

    public Task<EscrowSnapshot?> Get() => Task.FromResult(State.Status == EscrowStatus.None ? null : Snapshot());

    public async Task<IReadOnlyList<EscrowAuditEntry>> GetHistory()
    {
        var history = new List<EscrowAuditEntry>();
        IReadOnlyList<JournaledEvent<EscrowEvent>> page;
        do
        {
            page = await ReadJournalAsync(history.Count, HistoryPageSize);
            history.AddRange(page.Select(entry =>
            {
                var data = Serializer.Serialize(entry.Event);
                return new EscrowAuditEntry(entry.Version, entry.Timestamp, data.Type, Encoding.UTF8.GetString(data.Data.Span));
            }));
        }
        while (page.Count == HistoryPageSize);

        return history;
    }

    protected override void TransitionState(EscrowState state, EscrowEvent @event)
    {
        state.StreamVersion++;
        if (EscrowAnnouncements.MovesMoney(@event))
        {
            state.Unannounced[state.StreamVersion] = @event;
        }

        switch (@event)
        {
            case EscrowCreated created:
                state.Status = EscrowStatus.Created;
                state.Terms = created.Terms;
                break;
            case PaymentRequested requested:
                state.Pending = new PendingPayment(requested.Step, requested.Attempt, requested.IdempotencyKey);
                state.PendingPaymentMethodId = requested.PaymentMethodId;
                state.Attempts[requested.Step] = requested.Attempt;
                break;
            case PaymentRefused refused:
                ClearPending(state);

                // A refused capture leaves an authorization that cannot be captured: the next funding starts over.
                if (refused.Step == PaymentStep.Capture)
                {
                    state.PaymentIntentId = null;
                }

                break;
            case FundsAuthorized authorized:
                ClearPending(state);
                state.PaymentIntentId = authorized.PaymentIntentId;
                break;
            case FundsCaptured:
                ClearPending(state);
                state.Status = EscrowStatus.Funded;
                break;
            case WorkSubmitted submitted:
                state.Status = EscrowStatus.WorkSubmitted;
                state.DeliverableId = submitted.DeliverableId;
                break;
            case WorkApproved:
                state.Status = EscrowStatus.Approved;
                state.Approved = true;
                break;
            case DisputeOpened disputed:
                state.Status = EscrowStatus.Disputed;
                state.DisputeReason = disputed.Reason;
                break;
            case FundsReleased released:
                ClearPending(state);
                state.Status = EscrowStatus.Released;
                state.TransferId = released.TransferId;
                break;
            case FundsRefunded refunded:
                ClearPending(state);
                state.Status = EscrowStatus.Refunded;
                state.RefundId = refunded.RefundId;
                break;
            case PaymentNotified:
                // The audit trail only: what a notification changes comes as its own completion event.
                break;
            case PartiesNotified notified:
                state.Unannounced = state.Unannounced.Where(entry => entry.Key > notified.UpToVersion).ToDictionary();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@event), @event, "unknown escrow event");
        }

        state.UpdatedAt = @event.At;
    }

    private static void ClearPending(EscrowState state)
    {
        state.Pending = null;
        state.PendingPaymentMethodId = null;
    }

    /// <summary>Records the notification once per event id, with the outcome of the pending step it proves, if any.</summary>
    private async Task<bool> RecordNotificationAsync(PaymentNotification notification)
    {
        for (var round = 1; ; round++)
        {
            if (State.Status == EscrowStatus.None)
            {
                throw new InvalidOperationException($"Escrow '{ContractKey}' has not been created; payment notification '{notification.EventId}' is refused.");
            }

            List<EscrowEvent> events = [new PaymentNotified(notification.EventId, notification.Kind, notification.ObjectId) { At = time.GetUtcNow() }];
            if (CompletionFrom(notification) is { } completion)
            {
                events.Add(completion);
            }

            try
            {
                // The event id is the journal's idempotency key: a repeated delivery appends nothing.
                return await RaiseEventsOnceAsync($"notification/{notification.EventId}", events);
            }
            catch (JournalConcurrencyException) when (round < MaxRounds)
            {
                // Another activation appended first; the state is re-read, decide again.
            }
        }
    }

    /// <summary>
    /// Completes the pending step first (whatever the caller asked), then lets <paramref name="decide"/> act on the
    /// state, until it reports the action done. A decision refused by a version clash is taken again on the re-read state.
    /// Whatever the outcome, the parties are then told of the money that moved (<see cref="AnnounceAsync"/>).
    /// </summary>
    private async Task<EscrowSnapshot> RunAsync(EscrowAction action, Func<Task<bool>> decide)
    {
        _ = Key;
        try
        {
            await DecideUntilDoneAsync(action, decide);
        }
        finally
        {
            // Also when the action fails: a pending step it completed first may have moved money all the same.
            await AnnounceAsync();
        }

        return Snapshot();
    }

    private async Task DecideUntilDoneAsync(EscrowAction action, Func<Task<bool>> decide)
    {
        for (var round = 1; round <= MaxRounds; round++)
        {
            try
            {
                await ResumePendingAsync();
                if (await decide())
                {
                    return;
                }
            }
            catch (JournalConcurrencyException clash)
            {
                LogClash(ContractKey, action, clash.ExpectedVersion, clash.ActualVersion);
            }
        }

        throw new InvalidOperationException($"Escrow '{ContractKey}' could not {action} within {MaxRounds} rounds: other writers kept changing it. Retry.");
    }

    /// <summary>
    /// Publishes the notifications of every money event in the outbox, in the order of the events, then records that
    /// the parties were told. A publication that fails is only logged: the money moved whatever the streams do, so the
    /// caller's action stands, and the events stay in the outbox for the next call or activation.
    /// </summary>
    private async Task AnnounceAsync()
    {
        if (State.Unannounced.Count == 0)
        {
            return;
        }

        var unannounced = State.Unannounced.OrderBy(entry => entry.Key).ToArray();
        try
        {
            var streams = PlatformStreamProvider.Of(this);
            foreach (var (version, moneyEvent) in unannounced)
            {
                foreach (var notification in EscrowAnnouncements.Of(Key, State.Terms!, version, moneyEvent))
                {
                    await streams.NotificationsOf(notification.Recipient).OnNextAsync(notification);
                }
            }
        }
        catch (Exception error)
        {
            LogAnnouncementFailed(ContractKey, unannounced.Length, error);
            return;
        }

        // Conditional: if another activation appended meanwhile, the state is re-read and its outbox is announced later
        // (again, under the same ids).
        await RaiseConditionalEvent(new PartiesNotified(unannounced[^1].Key) { At = time.GetUtcNow() });
    }

    /// <summary>Records the intent to run <paramref name="step"/> under the key of its next attempt; the next round sends it.</summary>
    private async Task RequestAsync(PaymentStep step, string? paymentMethodId)
    {
        var attempt = State.Attempts.GetValueOrDefault(step) + 1;
        var key = PaymentIdempotencyKeys.For(ContractKey, step, attempt);
        if (await RaiseConditionalEvent(new PaymentRequested(step, attempt, key, paymentMethodId) { At = time.GetUtcNow() }))
        {
            _requested = key;
        }
    }

    private async Task ResumePendingAsync()
    {
        if (State.Pending is not { } pending)
        {
            return;
        }

        if (pending.IdempotencyKey != _requested)
        {
            LogResuming(ContractKey, pending.Step, pending.IdempotencyKey);
        }

        _requested = null;

        EscrowEvent outcome;
        try
        {
            outcome = await SendAsync(pending);
        }
        catch (PaymentRefusedException refused) when (refused.IdempotencyKey == pending.IdempotencyKey)
        {
            await RaiseConditionalEvent(new PaymentRefused(pending.Step, pending.Attempt, refused.Code) { At = time.GetUtcNow() });
            throw;
        }
        catch (PaymentOutcomeUnknownException unknown)
        {
            LogOutcomeUnknown(ContractKey, pending.Step, pending.IdempotencyKey, unknown.Message);
            throw;
        }

        // Conditional on the version this decision saw: of two activations that both sent the step, only the first
        // records its outcome; the other re-reads the stream, finds the step done, and the caller's round goes on.
        await RaiseConditionalEvent(outcome);
    }

    private async Task<EscrowEvent> SendAsync(PendingPayment pending)
    {
        var terms = State.Terms!;
        switch (pending.Step)
        {
            case PaymentStep.Authorize:
                var authorization = await payments.AuthorizeAsync(
                    new AuthorizePaymentRequest(pending.IdempotencyKey, ContractKey, terms.Amount, terms.Currency, State.PendingPaymentMethodId!), CancellationToken.None);
                return new FundsAuthorized(authorization.PaymentIntentId, authorization.AmountCapturable) { At = time.GetUtcNow() };
            case PaymentStep.Capture:
                var capture = await payments.CaptureAsync(
                    new CapturePaymentRequest(pending.IdempotencyKey, ContractKey, State.PaymentIntentId!, terms.Amount), CancellationToken.None);
                return new FundsCaptured(capture.PaymentIntentId, terms.ClientId, terms.Amount, terms.Currency) { At = time.GetUtcNow() };
            case PaymentStep.Transfer:
                var payout = terms.Amount - terms.PlatformFee;
                var transfer = await payments.TransferAsync(
                    new TransferFundsRequest(pending.IdempotencyKey, ContractKey, payout, terms.Currency, terms.FreelancerAccountId), CancellationToken.None);
                return new FundsReleased(transfer.TransferId, terms.FreelancerId, payout, terms.PlatformFee, terms.Currency) { At = time.GetUtcNow() };
            case PaymentStep.Refund:
                var refund = await payments.RefundAsync(
                    new RefundPaymentRequest(pending.IdempotencyKey, ContractKey, State.PaymentIntentId!, terms.Amount), CancellationToken.None);
                return new FundsRefunded(refund.RefundId, terms.ClientId, terms.Amount, terms.Currency) { At = time.GetUtcNow() };
            default:
                throw new ArgumentOutOfRangeException(nameof(pending), pending.Step, "unknown payment step");
        }
    }

    /// <summary>The outcome a notification proves for the pending step, if it is about that step's object and amount.</summary>
    private EscrowEvent? CompletionFrom(PaymentNotification notification)
    {
        if (State.Pending is not { } pending || State.Terms is not { } terms)
        {
            return null;
        }

        var at = time.GetUtcNow();
        var payout = terms.Amount - terms.PlatformFee;
        return (pending.Step, notification.Kind) switch
        {
            (PaymentStep.Authorize, PaymentNotificationKind.Authorized) when notification.Amount == terms.Amount && notification.PaymentIntentId is { } intent =>
                new FundsAuthorized(intent, notification.Amount) { At = at },
            (PaymentStep.Capture, PaymentNotificationKind.Captured) when notification.Amount == terms.Amount && notification.PaymentIntentId == State.PaymentIntentId =>
                new FundsCaptured(State.PaymentIntentId!, terms.ClientId, terms.Amount, terms.Currency) { At = at },
            (PaymentStep.Transfer, PaymentNotificationKind.Transferred) when notification.Amount == payout =>
                new FundsReleased(notification.ObjectId, terms.FreelancerId, payout, terms.PlatformFee, terms.Currency) { At = at },
            (PaymentStep.Refund, PaymentNotificationKind.Refunded) when notification.Amount == terms.Amount && notification.PaymentIntentId == State.PaymentIntentId =>
                new FundsRefunded(notification.ObjectId, terms.ClientId, terms.Amount, terms.Currency) { At = at },
            _ => null,
        };
    }

    private EscrowSnapshot Snapshot() => new(
        Key.TenantId,
        Key.Id,
        State.Status,
        State.Terms!,
        State.PaymentIntentId,
        State.TransferId,
        State.RefundId,
        State.Pending,
        State.DisputeReason,
        Version,
        State.UpdatedAt);

    private IllegalEscrowTransitionException Illegal(EscrowAction action, params EscrowStatus[] allowedFrom) =>
        new(ContractKey, State.Status, action, allowedFrom);

    private static string Describe(EscrowTerms terms) =>
        $"client {terms.ClientId}, freelancer {terms.FreelancerId} ({terms.FreelancerAccountId}), {terms.Amount} {terms.Currency}, fee {terms.PlatformFee}";

    [LoggerMessage(1, LogLevel.Information, "Escrow {ContractKey}: resuming the interrupted {Step} under its idempotency key {IdempotencyKey}")]
    private partial void LogResuming(string contractKey, PaymentStep step, string idempotencyKey);

    [LoggerMessage(2, LogLevel.Warning, "Escrow {ContractKey}: the outcome of {Step} (key {IdempotencyKey}) is unknown; it stays pending and the next call repeats it: {Reason}")]
    private partial void LogOutcomeUnknown(string contractKey, PaymentStep step, string idempotencyKey, string reason);

    [LoggerMessage(3, LogLevel.Information, "Escrow {ContractKey}: {Action} met another writer (expected version {ExpectedVersion}, found {ActualVersion}); deciding again")]
    private partial void LogClash(string contractKey, EscrowAction action, long expectedVersion, long actualVersion);

    [LoggerMessage(4, LogLevel.Warning, "Escrow {ContractKey}: telling the parties of {Count} money event(s) failed; they stay in the outbox for the next call or activation")]
    private partial void LogAnnouncementFailed(string contractKey, int count, Exception error);
}
