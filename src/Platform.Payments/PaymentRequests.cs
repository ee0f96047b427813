using System.Globalization;
using Platform.Grains.Escrow;

namespace Platform.Payments;

/// <summary>The checks every provider applies to a request before sending it, so that all refuse the same requests.</summary>
internal static class PaymentRequests
{
    public static void Check(AuthorizePaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(PaymentStep.Authorize, request.IdempotencyKey, request.Reference, request.Amount);
        CheckCurrency(PaymentStep.Authorize, request.IdempotencyKey, request.Currency);
        CheckId(PaymentStep.Authorize, request.IdempotencyKey, request.PaymentMethodId, "payment method id");
    }

    public static void Check(CapturePaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(PaymentStep.Capture, request.IdempotencyKey, request.Reference, request.Amount);
        CheckId(PaymentStep.Capture, request.IdempotencyKey, request.PaymentIntentId, "payment intent id");
    }

    public static void Check(TransferFundsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(PaymentStep.Transfer, request.IdempotencyKey, request.Reference, request.Amount);
        CheckCurrency(PaymentStep.Transfer, request.IdempotencyKey, request.Currency);
        CheckId(PaymentStep.Transfer, request.IdempotencyKey, request.DestinationAccountId, "destination account id");
    }

    public static void Check(RefundPaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(PaymentStep.Refund, request.IdempotencyKey, request.Reference, request.Amount);
        CheckId(PaymentStep.Refund, request.IdempotencyKey, request.PaymentIntentId, "payment intent id");
    }

    private static void Check(PaymentStep step, string idempotencyKey, string reference, long amount)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > PaymentIdempotencyKeys.MaxLength)
        {
            throw new ArgumentException(
                $"{step} needs an idempotency key of 1 to {PaymentIdempotencyKeys.MaxLength} characters; it is '{idempotencyKey}'.", nameof(idempotencyKey));
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new ArgumentException($"{step} (key '{idempotencyKey}') needs the contract it is for as its reference.", nameof(reference));
        }

        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(amount), amount, $"{step} (key '{idempotencyKey}') needs an amount above 0 minor units; it is {amount.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void CheckCurrency(PaymentStep step, string idempotencyKey, string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException(
                $"{step} (key '{idempotencyKey}') needs a lower-case three-letter ISO 4217 currency such as 'eur'; it is '{currency}'.", nameof(currency));
        }
    }

    private static void CheckId(PaymentStep step, string idempotencyKey, string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{step} (key '{idempotencyKey}') needs a {name}.", name);
        }
    }
}
