namespace Platform.Payments;

/// <summary>A notification was refused: its signature is missing, wrong or too old, or it is not an event. Answer 400.</summary>
[GenerateSerializer]
[Alias("platform.payments.PaymentWebhookException")]
public sealed class PaymentWebhookException : Exception
{
    public PaymentWebhookException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
