using Platform.Grains.Escrow;

namespace Platform.Payments;

/// <summary>
/// A payment provider as the escrow sees it: hold funds (a payment intent with manual capture), capture them, transfer
/// to a connected account, refund, and read its notifications. Every request carries an idempotency key: a request
/// repeated with the same key and the same parameters is done once, and its answer is the first one's.
/// </summary>
/// <remarks>
/// Failures come in two kinds. <see cref="PaymentRefusedException"/>: the provider refused the request, nothing was
/// done, and repeating it with the same key gets the same refusal. <see cref="PaymentOutcomeUnknownException"/>: the
/// answer was lost (a timeout, a 5xx, a broken connection), the request may or may not have been done, and only a
/// repeat with the same key finds out.
/// </remarks>
public interface IPaymentProvider
{
    Task<PaymentAuthorization> AuthorizeAsync(AuthorizePaymentRequest request, CancellationToken cancellationToken);

    Task<PaymentCapture> CaptureAsync(CapturePaymentRequest request, CancellationToken cancellationToken);

    Task<FundsTransfer> TransferAsync(TransferFundsRequest request, CancellationToken cancellationToken);

    Task<PaymentRefund> RefundAsync(RefundPaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Verifies a notification's signature and reads it.</summary>
    /// <param name="signatureHeader">The signature the provider sent with it (Stripe: the Stripe-Signature header).</param>
    /// <exception cref="PaymentWebhookException">The signature is missing, wrong or too old, or the payload is not an event.</exception>
    PaymentNotification ParseWebhook(string payload, string signatureHeader);
}
