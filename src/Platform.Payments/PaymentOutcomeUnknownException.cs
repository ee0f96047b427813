using Platform.Grains.Escrow;

namespace Platform.Payments;

/// <summary>
/// The provider's answer was lost (a timeout, a 5xx, a broken connection): the request may have been done. Repeat it
/// with the same idempotency key to learn its outcome; a new key could do it twice.
/// </summary>
[GenerateSerializer]
[Alias("platform.payments.PaymentOutcomeUnknownException")]
public sealed class PaymentOutcomeUnknownException : PaymentException
{
    public PaymentOutcomeUnknownException(PaymentStep step, string idempotencyKey, string reason)
        : base($"The outcome of {step} (idempotency key '{idempotencyKey}') is unknown: {reason.TrimEnd('.')}. Repeat it with the same key.", step, idempotencyKey)
    {
    }
}
