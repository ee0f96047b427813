using Platform.Grains.Escrow;

namespace Platform.Payments;

/// <summary>A payment request failed; <see cref="IPaymentProvider"/> says what each kind means for a retry.</summary>
[GenerateSerializer]
[Alias("platform.payments.PaymentException")]
public abstract class PaymentException : Exception
{
    protected PaymentException(string message, PaymentStep step, string idempotencyKey)
        : base(message)
    {
        Step = step;
        IdempotencyKey = idempotencyKey;
    }

    [Id(0)]
    public PaymentStep Step { get; }

    [Id(1)]
    public string IdempotencyKey { get; }
}
