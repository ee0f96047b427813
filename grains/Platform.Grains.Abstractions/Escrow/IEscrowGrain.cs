using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Escrow;

/// <summary>
/// The escrow of one contract, keyed "tenant/contract-id" (<see cref="Tenancy.TenantKey"/>): the client's money is held
/// from funding until it is released to the freelancer or refunded to the client. Event-sourced: every change is an
/// event in the contract's journal stream, which is the audit trail and the source of the ledger postings.
/// </summary>
/// <remarks>
/// <para>
/// Created -> Funded -> WorkSubmitted -> Approved -> Released; Refunded from Funded, WorkSubmitted or Disputed; Disputed
/// from Funded, WorkSubmitted or Approved, resolved by <see cref="Release"/> or <see cref="Refund"/>. An action whose
/// effect the contract already has returns the snapshot unchanged, so every method may be retried; an action the
/// status does not allow fails with <see cref="IllegalEscrowTransitionException"/>.
/// </para>
/// <para>
/// A payment step is recorded as requested before the provider is called and as done after, under an idempotency key
/// derived from the contract and the step. When the provider's answer is lost (<c>PaymentOutcomeUnknownException</c>)
/// the step stays pending: the next call of any method repeats it with the same key first, so money moves once.
/// </para>
/// <para>Parties are opaque ids only: no name or e-mail address ever enters an escrow event or a ledger posting.</para>
/// <para>
/// When money moves (funds captured, released or refunded) both parties get a notification
/// (<see cref="Notifications.NotificationKind.EscrowFunded"/>, <c>EscrowReleased</c>, <c>EscrowRefunded</c>) on their
/// notification stream, at least once under an id derived from the contract and the event. A contract is keyed by the
/// key of the job it pays for (one contract per job), so the payload's "job" is the contract's key.
/// </para>
/// </remarks>
[Alias("platform.escrow.IEscrowGrain")]
public interface IEscrowGrain : IGrainWithStringKey
{
    /// <summary>None -> Created. Repeating it with the same terms returns the snapshot.</summary>
    /// <exception cref="ArgumentException">The key or a term is malformed; the message names it and its value.</exception>
    /// <exception cref="InvalidOperationException">The contract exists with other terms.</exception>
    [Idempotent]
    [Alias("Create")]
    Task<EscrowSnapshot> Create(EscrowTerms terms);

    /// <summary>
    /// Created -> Funded: authorizes the amount on <paramref name="paymentMethodId"/> (a hold with manual capture), then
    /// captures it into escrow.
    /// </summary>
    /// <exception cref="Platform.Grains.Escrow.IllegalEscrowTransitionException">The contract is not Created (nor funded already).</exception>
    [Idempotent]
    [Alias("Fund")]
    Task<EscrowSnapshot> Fund(string paymentMethodId);

    /// <summary>Funded -> WorkSubmitted, naming the deliverable by its opaque id.</summary>
    [Idempotent]
    [Alias("SubmitWork")]
    Task<EscrowSnapshot> SubmitWork(string deliverableId);

    /// <summary>WorkSubmitted -> Approved.</summary>
    [Idempotent]
    [Alias("Approve")]
    Task<EscrowSnapshot> Approve();

    /// <summary>Funded, WorkSubmitted or Approved -> Disputed.</summary>
    [Idempotent]
    [Alias("Dispute")]
    Task<EscrowSnapshot> Dispute(DisputeReason reason);

    /// <summary>Approved or Disputed -> Released: transfers the amount less the platform fee to the freelancer's connected account.</summary>
    [Idempotent]
    [Alias("Release")]
    Task<EscrowSnapshot> Release();

    /// <summary>Funded, WorkSubmitted or Disputed -> Refunded: refunds the captured amount to the client.</summary>
    [Idempotent]
    [Alias("Refund")]
    Task<EscrowSnapshot> Refund();

    /// <summary>
    /// Records a verified provider notification (a webhook) once per <see cref="PaymentNotification.EventId"/>; when it
    /// confirms the payment step that is pending, that step completes without calling the provider again. A late or
    /// repeated notification never moves the contract back.
    /// </summary>
    /// <returns>True when the notification was new; false for a repeat.</returns>
    [Idempotent]
    [Alias("ApplyPaymentNotification")]
    Task<bool> ApplyPaymentNotification(PaymentNotification notification);

    /// <returns>The contract, or null when it was never created.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("Get")]
    Task<EscrowSnapshot?> Get();

    /// <summary>The contract's events in order: its audit trail.</summary>
    [ReadOnly]
    [Idempotent]
    [Alias("GetHistory")]
    Task<IReadOnlyList<EscrowAuditEntry>> GetHistory();
}
