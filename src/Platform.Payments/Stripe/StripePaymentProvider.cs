using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Escrow;
using Platform.Payments.Hosting;
using Stripe;

namespace Platform.Payments.Stripe;

/// <summary>
/// The Stripe connector on Stripe.net: payment intents confirmed with capture_method=manual, captures, transfers to
/// connected accounts, refunds, and webhook verification with the endpoint's secret. Every call carries the request's
/// idempotency key in its <see cref="RequestOptions"/>, so Stripe.net's own retries and ours are the same request to Stripe.
/// </summary>
internal sealed partial class StripePaymentProvider : IPaymentProvider, IDisposable
{
    private readonly HttpClient _http;
    private readonly PaymentIntentService _intents;
    private readonly TransferService _transfers;
    private readonly RefundService _refunds;
    private readonly StripePaymentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StripePaymentProvider> _logger;

    public StripePaymentProvider(IOptions<PaymentsOptions> options, TimeProvider time, ILogger<StripePaymentProvider> logger)
    {
        _options = options.Value.Stripe;
        _time = time;
        _logger = logger;
        _http = new HttpClient { Timeout = _options.Timeout };
        var clientOptions = new StripeClientOptions
        {
            ApiKey = _options.ApiKey,
            HttpClient = new SystemNetHttpClient(_http, _options.MaxNetworkRetries, enableTelemetry: false),
        };
        if (_options.ApiBase is { } apiBase)
        {
            clientOptions.ApiBase = apiBase.TrimEnd('/');
        }

        var client = new StripeClient(clientOptions);
        _intents = new PaymentIntentService(client);
        _transfers = new TransferService(client);
        _refunds = new RefundService(client);
    }

    public async Task<PaymentAuthorization> AuthorizeAsync(AuthorizePaymentRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        var intent = await CallAsync(PaymentStep.Authorize, request.IdempotencyKey, cancellationToken, (options, token) => _intents.CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = request.Amount,
                Currency = request.Currency,
                PaymentMethod = request.PaymentMethodId,
                // Confirmed here, server side: no redirect-based method can complete without the client's browser.
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
                CaptureMethod = "manual",
                Confirm = true,
                TransferGroup = request.Reference,
                Metadata = Metadata(request.Reference),
            },
            options,
            token));

        // Anything else (requires_action for 3-D Secure, requires_payment_method after a soft decline) holds no funds.
        return intent.Status == "requires_capture"
            ? new PaymentAuthorization(intent.Id, intent.AmountCapturable)
            : throw new PaymentRefusedException(
                PaymentStep.Authorize, request.IdempotencyKey, intent.Status, $"payment intent {intent.Id} is '{intent.Status}', not 'requires_capture'");
    }

    public async Task<PaymentCapture> CaptureAsync(CapturePaymentRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        var intent = await CallAsync(PaymentStep.Capture, request.IdempotencyKey, cancellationToken, (options, token) => _intents.CaptureAsync(
            request.PaymentIntentId,
            new PaymentIntentCaptureOptions { AmountToCapture = request.Amount },
            options,
            token));
        return new PaymentCapture(intent.Id, intent.AmountReceived);
    }

    public async Task<FundsTransfer> TransferAsync(TransferFundsRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        var transfer = await CallAsync(PaymentStep.Transfer, request.IdempotencyKey, cancellationToken, (options, token) => _transfers.CreateAsync(
            new TransferCreateOptions
            {
                Amount = request.Amount,
                Currency = request.Currency,
                Destination = request.DestinationAccountId,
                TransferGroup = request.Reference,
                Metadata = Metadata(request.Reference),
            },
            options,
            token));
        return new FundsTransfer(transfer.Id, transfer.Amount);
    }

    public async Task<PaymentRefund> RefundAsync(RefundPaymentRequest request, CancellationToken cancellationToken)
    {
        PaymentRequests.Check(request);
        var refund = await CallAsync(PaymentStep.Refund, request.IdempotencyKey, cancellationToken, (options, token) => _refunds.CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = request.PaymentIntentId,
                Amount = request.Amount,
                Reason = "requested_by_customer",
                Metadata = Metadata(request.Reference),
            },
            options,
            token));
        return new PaymentRefund(refund.Id, refund.Amount);
    }

    public PaymentNotification ParseWebhook(string payload, string signatureHeader)
    {
        WebhookSignatures.CheckHeader(payload, signatureHeader, "Stripe");
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                payload, signatureHeader, _options.WebhookSecret, (long)_options.WebhookTolerance.TotalSeconds, _time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException error)
        {
            throw new PaymentWebhookException($"The Stripe notification was refused: {error.Message}", error);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or ArgumentException)
        {
            throw new PaymentWebhookException($"The Stripe notification is correctly signed but is not a Stripe event: {error.Message}", error);
        }

        return StripeNotifications.From(stripeEvent);
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> Metadata(string reference) => new() { [StripeNotifications.ContractMetadataKey] = reference };

    private async Task<T> CallAsync<T>(
        PaymentStep step,
        string idempotencyKey,
        CancellationToken cancellationToken,
        Func<RequestOptions, CancellationToken, Task<T>> call)
    {
        try
        {
            return await call(new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        }
        // The Stripe and HTTP exceptions are logged here and not kept as inner exceptions: these exceptions travel to
        // grain callers, and Orleans cannot serialize Stripe.net's types.
        catch (StripeException error) when (IsRefusal(error.HttpStatusCode))
        {
            var code = error.StripeError?.DeclineCode ?? error.StripeError?.Code ?? $"http_{(int)error.HttpStatusCode}";
            LogRefused(error, step, idempotencyKey, code);
            throw new PaymentRefusedException(step, idempotencyKey, code, error.StripeError?.Message ?? error.Message);
        }
        catch (StripeException error)
        {
            LogOutcomeUnknown(error, step, idempotencyKey);
            throw new PaymentOutcomeUnknownException(
                step, idempotencyKey, $"Stripe answered {(int)error.HttpStatusCode} ({error.StripeError?.Message ?? error.Message})");
        }
        catch (HttpRequestException error)
        {
            LogOutcomeUnknown(error, step, idempotencyKey);
            throw new PaymentOutcomeUnknownException(step, idempotencyKey, $"the connection to Stripe failed: {error.Message}");
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            LogOutcomeUnknown(error, step, idempotencyKey);
            throw new PaymentOutcomeUnknownException(
                step, idempotencyKey, $"Stripe did not answer within {_options.Timeout.TotalSeconds:0.###} s (Payments:Stripe:Timeout)");
        }
    }

    // A 4xx other than 409 (a concurrent request with the same key) and 429 (rate limited) is Stripe's final word:
    // it did nothing, and the same key gets the same answer. Everything else may or may not have been done.
    private static bool IsRefusal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.Conflict and not HttpStatusCode.TooManyRequests;

    [LoggerMessage(2, LogLevel.Information, "Stripe refused {Step} (idempotency key {IdempotencyKey}): {Code}")]
    private partial void LogRefused(Exception exception, PaymentStep step, string idempotencyKey, string code);

    [LoggerMessage(1, LogLevel.Warning, "Stripe's answer to {Step} (idempotency key {IdempotencyKey}) was lost; it may have been done and is repeated with the same key")]
    private partial void LogOutcomeUnknown(Exception exception, PaymentStep step, string idempotencyKey);
}
