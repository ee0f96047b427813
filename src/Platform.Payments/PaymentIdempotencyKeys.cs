using Platform.Grains.Escrow;

namespace Platform.Payments;

/// <summary>
/// The idempotency key of a payment request, derived from the contract, the step and the attempt alone: whoever repeats
/// the step (a retry, a restarted grain on another silo) sends the same key, so the provider does it once.
/// </summary>
public static class PaymentIdempotencyKeys
{
    /// <summary>Stripe's limit on idempotency keys.</summary>
    public const int MaxLength = 255;

    /// <summary>"escrow/acme/contract-7/capture/1".</summary>
    /// <param name="contractKey">"tenant/contract-id".</param>
    /// <param name="attempt">1, then one more after each refusal (a refused key keeps answering with the refusal).</param>
    public static string For(string contractKey, PaymentStep step, int attempt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return $"escrow/{contractKey}/{step.ToString().ToLowerInvariant()}/{attempt}";
    }
}
