using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Escrow;
using Platform.Payments.Hosting;
using Platform.Payments.Stripe;

namespace Platform.Payments.Simulated;

/// <summary>
/// The embedded default provider: requests go to the contract's <see cref="ISimulatedProcessorGrain"/>, so they are
/// deterministic, honour idempotency keys and leave a durable record; <see cref="SimulatedFaults"/> makes some fail on
/// purpose. Notifications use Stripe's signature scheme over a small JSON shape (<see cref="SimulatedNotification"/>).
/// </summary>
internal sealed partial class SimulatedPaymentProvider(
    IGrainFactory grains,
    SimulatedFaults faults,
    IOptions<PaymentsOptions> options,
    TimeProvider time,
    ILogger<SimulatedPaymentProvider> logger) : IPaymentProvider
{
    public Task<PaymentAuthorization> AuthorizeAsync(AuthorizePaymentRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        return SendAsync(PaymentStep.Authorize, request.IdempotencyKey, request.Reference, processor => processor.Authorize(request));
    }

    public Task<PaymentCapture> CaptureAsync(CapturePaymentRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        return SendAsync(PaymentStep.Capture, request.IdempotencyKey, request.Reference, processor => processor.Capture(request));
    }

    public Task<FundsTransfer> TransferAsync(TransferFundsRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        return SendAsync(PaymentStep.Transfer, request.IdempotencyKey, request.Reference, processor => processor.Transfer(request));
    }

    public Task<PaymentRefund> RefundAsync(RefundPaymentRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        return SendAsync(PaymentStep.Refund, request.IdempotencyKey, request.Reference, processor => processor.Refund(request));
    }

    public PaymentNotification ParseWebhook(string payload, string signatureHeader)
    {
        var simulated = options.Value.Simulated;
        WebhookSignatures.Verify(payload, signatureHeader, simulated.WebhookSecret, simulated.WebhookTolerance, time, "simulated");
        SimulatedNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<SimulatedNotification>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException error)
        {
            throw new PaymentWebhookException($"The simulated notification is not JSON: {error.Message}", error);
        }

        if (notification is null || string.IsNullOrWhiteSpace(notification.Id) || string.IsNullOrWhiteSpace(notification.ObjectId))
        {
            throw new PaymentWebhookException("The simulated notification needs an 'id' and an 'objectId'.");
        }

        return new PaymentNotification(
            notification.Id,
            StripeNotifications.KindOf(notification.Type),
            notification.ObjectId,
            notification.PaymentIntentId,
            notification.ContractKey,
            notification.Amount,
            DateTimeOffset.FromUnixTimeSeconds(notification.Created));
    }

    private async Task<T> SendAsync<T>(PaymentStep step, string idempotencyKey, string reference, Func<ISimulatedProcessorGrain, Task<T>> send)
    {
        var fault = faults.Next(reference, step, idempotencyKey);
        if (fault == SimulatedFault.UnavailableBeforePerforming)
        {
            LogFault(step, idempotencyKey, "503 before performing");
            throw new PaymentOutcomeUnknownException(step, idempotencyKey, "the simulated provider answered 503 Service Unavailable");
        }

        var result = await send(grains.GetGrain<ISimulatedProcessorGrain>(reference));
        if (fault == SimulatedFault.TimeoutAfterPerforming)
        {
            LogFault(step, idempotencyKey, "performed, answer lost");
            throw new PaymentOutcomeUnknownException(step, idempotencyKey, "the simulated provider did not answer in time");
        }

        return result;
    }

    [LoggerMessage(1, LogLevel.Information, "Simulated payment fault injected into {Step} (idempotency key {IdempotencyKey}): {Fault}")]
    private partial void LogFault(PaymentStep step, string idempotencyKey, string fault);
}
