using Platform.Grains.Escrow;

namespace Platform.Payments;

/// <summary>
/// The provider refused the request (a declined card, an invalid request, a rejected key): nothing was done, and the
/// same key would get the same answer, so a new attempt needs a new key.
/// </summary>
[GenerateSerializer]
[Alias("platform.payments.PaymentRefusedException")]
public sealed class PaymentRefusedException : PaymentException
{
    public PaymentRefusedException(PaymentStep step, string idempotencyKey, string code, string reason)
        : base($"The payment provider refused {step} (idempotency key '{idempotencyKey}'): {code}: {reason.TrimEnd('.')}. Nothing was done.", step, idempotencyKey)
    {
        Code = code;
    }

    /// <summary>The provider's code: "card_declined", "insufficient_funds", "payment_intent_unexpected_state", ...</summary>
    [Id(0)]
    public string Code { get; }
}
