using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Payments.Tests.FakeStripe;

/// <summary>
/// A local stand-in for api.stripe.com over real HTTP (Kestrel on 127.0.0.1, a free port): the four endpoints the
/// connector uses, with Stripe's idempotency rules (an answer is stored under its key once the request started executing
/// and replayed with "Idempotent-Replayed: true"; a key reused with other parameters gets 400), a declined test card,
/// injectable faults, a record of every request, and a Stripe event per change, signed with Stripe's scheme
/// (HMAC-SHA256 over "timestamp.payload") and deliverable to a webhook endpoint.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string ApiKey = "sk_test_fake_platform";
    public const string WebhookSecret = "whsec_fake_platform_endpoint";
    public const string DeclinedCard = "pm_card_chargeDeclined";

    private readonly Lock _lock = new();
    private readonly List<FakeStripeRequest> _requests = [];
    private readonly List<FakeStripeEvent> _events = [];
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _performed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, object?>> _intents = new(StringComparer.Ordinal);
    private readonly List<(string PathPrefix, FakeStripeFault Fault)> _faults = [];
    private readonly HttpClient _deliveries = new();
    private WebApplication? _app;
    private int _sequence;

    private FakeStripeServer()
    {
    }

    /// <summary>"http://127.0.0.1:port": what the connector is pointed at (Payments:Stripe:ApiBase).</summary>
    public string ApiBase { get; private set; } = string.Empty;

    public IReadOnlyList<FakeStripeRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<FakeStripeEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public static async Task<FakeStripeServer> StartAsync()
    {
        var server = new FakeStripeServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/{**path}", server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.ApiBase = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>The next request whose path starts with <paramref name="pathPrefix"/> ("payment_intents", "transfers", ...) suffers <paramref name="fault"/>.</summary>
    public void FailNext(string pathPrefix, FakeStripeFault fault)
    {
        lock (_lock)
        {
            _faults.Add((pathPrefix, fault));
        }
    }

    /// <summary>How often the request under <paramref name="idempotencyKey"/> was performed (not replayed): at most once, if keys work.</summary>
    public int Performed(string idempotencyKey)
    {
        lock (_lock)
        {
            return _performed.GetValueOrDefault(idempotencyKey);
        }
    }

    /// <summary>The Stripe-Signature header for <paramref name="payload"/>: "t=timestamp,v1=hex(HMAC-SHA256(secret, 't.payload'))".</summary>
    public static string Sign(string payload, long timestamp, string secret = WebhookSecret)
    {
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{payload}"));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(signature)}";
    }

    /// <summary>POSTs the event to a webhook endpoint as Stripe does, signed now (or at <paramref name="timestamp"/>).</summary>
    public Task<HttpResponseMessage> DeliverAsync(Uri endpoint, FakeStripeEvent stripeEvent, long? timestamp = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(stripeEvent.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", Sign(stripeEvent.Payload, timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        return _deliveries.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _deliveries.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        var form = (await context.Request.ReadFormAsync()).ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var fingerprint = $"{path}?{string.Join('&', form.OrderBy(field => field.Key, StringComparer.Ordinal).Select(field => $"{field.Key}={field.Value}"))}";
        int status;
        string body;
        FakeStripeFault? fault;
        lock (_lock)
        {
            fault = TakeFault(path);
            var replayed = key is not null && _answers.ContainsKey(key) && fault != FakeStripeFault.ServerErrorBeforePerforming;
            _requests.Add(new FakeStripeRequest(context.Request.Method, path, key, form, replayed, fault));
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
            {
                (status, body) = Error(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided.");
            }
            else if (fault == FakeStripeFault.ServerErrorBeforePerforming)
            {
                (status, body) = Error(500, "api_error", null, "An unknown error occurred.");
            }
            else if (key is not null && _answers.TryGetValue(key, out var answer))
            {
                (status, body) = answer.Fingerprint == fingerprint
                    ? (answer.Status, answer.Body)
                    : Error(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the same parameters they were first used with.");
                context.Response.Headers["Idempotent-Replayed"] = "true";
            }
            else
            {
                (status, body) = Perform(path, form);
                if (key is not null)
                {
                    _answers[key] = (fingerprint, status, body);
                    _performed[key] = _performed.GetValueOrDefault(key) + 1;
                }
            }
        }

        if (fault == FakeStripeFault.DropConnectionAfterPerforming)
        {
            context.Abort();
            return;
        }

        if (fault == FakeStripeFault.HangAfterPerforming)
        {
            // Not a sleep: the handler waits for the client to give up on the request and close the connection.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private FakeStripeFault? TakeFault(string path)
    {
        var index = _faults.FindIndex(fault => path.StartsWith(fault.PathPrefix, StringComparison.Ordinal));
        if (index < 0)
        {
            return null;
        }

        var fault = _faults[index].Fault;
        _faults.RemoveAt(index);
        return fault;
    }

    private (int Status, string Body) Perform(string path, Dictionary<string, string> form)
    {
        var parts = path.Split('/');
        return parts switch
        {
            ["payment_intents"] => CreateIntent(form),
            ["payment_intents", var id, "capture"] => CaptureIntent(id, form),
            ["transfers"] => CreateTransfer(form),
            ["refunds"] => CreateRefund(form),
            _ => Error(404, "invalid_request_error", "resource_missing", $"Unrecognized request URL (POST: /v1/{path})."),
        };
    }

    private (int Status, string Body) CreateIntent(Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("payment_method") == DeclinedCard)
        {
            return Error(402, "card_error", "card_declined", "Your card was declined.", declineCode: "generic_decline");
        }

        var amount = long.Parse(form["amount"], CultureInfo.InvariantCulture);
        var manual = form.GetValueOrDefault("capture_method") == "manual";
        var intent = new Dictionary<string, object?>
        {
            ["id"] = NextId("pi"),
            ["object"] = "payment_intent",
            ["amount"] = amount,
            ["amount_capturable"] = manual ? amount : 0,
            ["amount_received"] = manual ? 0 : amount,
            ["currency"] = form["currency"],
            ["capture_method"] = manual ? "manual" : "automatic",
            ["status"] = manual ? "requires_capture" : "succeeded",
            ["transfer_group"] = form.GetValueOrDefault("transfer_group"),
            ["metadata"] = Metadata(form),
        };
        _intents[(string)intent["id"]!] = intent;
        Emit(manual ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", intent);
        return (200, JsonSerializer.Serialize(intent));
    }

    private (int Status, string Body) CaptureIntent(string id, Dictionary<string, string> form)
    {
        if (!_intents.TryGetValue(id, out var intent))
        {
            return Error(404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'");
        }

        if ((string?)intent["status"] != "requires_capture")
        {
            return Error(400, "invalid_request_error", "payment_intent_unexpected_state", $"This PaymentIntent's status is {intent["status"]}; it cannot be captured.");
        }

        var amount = form.TryGetValue("amount_to_capture", out var toCapture) ? long.Parse(toCapture, CultureInfo.InvariantCulture) : (long)intent["amount"]!;
        intent["status"] = "succeeded";
        intent["amount_capturable"] = 0L;
        intent["amount_received"] = amount;
        Emit("payment_intent.succeeded", intent);
        return (200, JsonSerializer.Serialize(intent));
    }

    private (int Status, string Body) CreateTransfer(Dictionary<string, string> form)
    {
        var transfer = new Dictionary<string, object?>
        {
            ["id"] = NextId("tr"),
            ["object"] = "transfer",
            ["amount"] = long.Parse(form["amount"], CultureInfo.InvariantCulture),
            ["currency"] = form["currency"],
            ["destination"] = form["destination"],
            ["transfer_group"] = form.GetValueOrDefault("transfer_group"),
            ["metadata"] = Metadata(form),
        };
        Emit("transfer.created", transfer);
        return (200, JsonSerializer.Serialize(transfer));
    }

    private (int Status, string Body) CreateRefund(Dictionary<string, string> form)
    {
        var intentId = form["payment_intent"];
        if (!_intents.TryGetValue(intentId, out var intent) || (string?)intent["status"] != "succeeded")
        {
            return Error(400, "invalid_request_error", "charge_not_refundable", $"PaymentIntent {intentId} has no captured charge to refund.");
        }

        var refund = new Dictionary<string, object?>
        {
            ["id"] = NextId("re"),
            ["object"] = "refund",
            ["amount"] = long.Parse(form["amount"], CultureInfo.InvariantCulture),
            ["currency"] = intent["currency"],
            ["payment_intent"] = intentId,
            ["status"] = "succeeded",
            ["metadata"] = Metadata(form),
        };
        Emit("refund.created", refund);
        return (200, JsonSerializer.Serialize(refund));
    }

    private void Emit(string type, Dictionary<string, object?> data)
    {
        var id = NextId("evt");
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            // A copy: the event shows the object as it was when the event happened.
            ["data"] = new Dictionary<string, object?> { ["object"] = new Dictionary<string, object?>(data) },
        });
        _events.Add(new FakeStripeEvent(id, type, payload));
    }

    private static Dictionary<string, string> Metadata(Dictionary<string, string> form) =>
        form.Where(field => field.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(field => field.Key["metadata[".Length..^1], field => field.Value, StringComparer.Ordinal);

    private string NextId(string prefix) => $"{prefix}_fake{++_sequence:D6}";

    private static (int Status, string Body) Error(int status, string type, string? code, string message, string? declineCode = null) =>
        (status, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?> { ["type"] = type, ["code"] = code, ["decline_code"] = declineCode, ["message"] = message },
        }));
}
