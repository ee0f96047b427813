using Platform.Payments;

namespace Platform.Grains.Escrow;

/// <summary>
/// What a webhook endpoint calls with the request body and its signature header: the configured provider verifies and
/// reads the notification, and the contract it names applies it once.
/// </summary>
public sealed class EscrowPaymentWebhooks(IPaymentProvider payments, IGrainFactory grains)
{
    /// <returns>True when the contract recorded the notification now; false for a repeat, or an event the escrow ignores.</returns>
    /// <exception cref="PaymentWebhookException">The signature is missing, wrong or too old (answer 400).</exception>
    public async Task<bool> HandleAsync(string payload, string signatureHeader)
    {
        var notification = payments.ParseWebhook(payload, signatureHeader);
        return notification.Kind != PaymentNotificationKind.Other
            && notification.ContractKey is { } contract
            && await grains.GetGrain<IEscrowGrain>(contract).ApplyPaymentNotification(notification);
    }
}
