using System.Globalization;
using Stripe;

namespace Platform.Payments;

/// <summary>
/// Stripe's webhook signature scheme (header "t=timestamp,v1=hex(HMAC-SHA256(secret, timestamp + '.' + payload))"),
/// checked by Stripe.net, with the malformed cases named before Stripe.net sees them.
/// </summary>
internal static class WebhookSignatures
{
    public static void CheckHeader(string? payload, string? signatureHeader, string provider)
    {
        if (payload is null)
        {
            throw new PaymentWebhookException($"The {provider} notification has no payload; it is refused.");
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            throw new PaymentWebhookException(
                $"The {provider} notification has no Stripe-Signature header; every notification must be signed, so it is refused.");
        }

        var items = signatureHeader.Split(',').Select(item => item.Trim().Split('=', 2)).ToArray();
        if (!items.Any(item => item is ["t", var timestamp] && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new PaymentWebhookException(
                $"The {provider} notification's Stripe-Signature header '{signatureHeader}' has no timestamp 't=<unix seconds>'; it is refused.");
        }

        if (!items.Any(item => item is ["v1", { Length: > 0 }]))
        {
            throw new PaymentWebhookException(
                $"The {provider} notification's Stripe-Signature header '{signatureHeader}' has no 'v1=' signature; it is refused.");
        }
    }

    /// <summary>Checks the header's form, then the HMAC and the timestamp's age against <paramref name="time"/>.</summary>
    public static void Verify(string? payload, string? signatureHeader, string secret, TimeSpan tolerance, TimeProvider time, string provider)
    {
        CheckHeader(payload, signatureHeader, provider);
        try
        {
            EventUtility.ValidateSignature(payload, signatureHeader, secret, (long)tolerance.TotalSeconds, time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException error)
        {
            throw new PaymentWebhookException($"The {provider} notification was refused: {error.Message}", error);
        }
    }
}
