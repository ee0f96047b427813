using Orleans.Concurrency;

namespace Platform.Payments.Simulated;

/// <summary>
/// The simulated payment processor's books for one contract (the key is the request's reference, "tenant/contract-id"):
/// it honours idempotency keys as Stripe does and keeps its record of every request in the cluster's grain storage, so
/// the record outlives silo crashes and tells how often money really moved.
/// </summary>
[Alias("platform.payments.ISimulatedProcessorGrain")]
public interface ISimulatedProcessorGrain : IGrainWithStringKey
{
    [Alias("Authorize")]
    Task<PaymentAuthorization> Authorize(AuthorizePaymentRequest request);

    [Alias("Capture")]
    Task<PaymentCapture> Capture(CapturePaymentRequest request);

    [Alias("Transfer")]
    Task<FundsTransfer> Transfer(TransferFundsRequest request);

    [Alias("Refund")]
    Task<PaymentRefund> Refund(RefundPaymentRequest request);

    /// <summary>Every idempotency key this contract's requests used, with what it did and how often it was sent.</summary>
    [ReadOnly]
    [Alias("GetOperations")]
    Task<IReadOnlyList<SimulatedOperation>> GetOperations();
}
