using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.EventSourcing;
using Platform.Grains.Escrow;
using Platform.Payments;
using Platform.Payments.Tests.FakeStripe;

namespace Platform.Escrow.Tests;

/// <summary>
/// The escrow on the Stripe connector, pointed at the fake Stripe server; and a webhook endpoint (real HTTP) that hands
/// what it receives to the silo's <see cref="EscrowPaymentWebhooks"/>, as the platform's API does.
/// </summary>
public sealed class StripeEscrowCluster : EscrowCluster
{
    private WebApplication? _endpoint;

    public FakeStripeServer Stripe { get; private set; } = null!;

    public Uri WebhookEndpoint { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Stripe = await FakeStripeServer.StartAsync();
        await base.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _endpoint = builder.Build();
        var webhooks = Cluster.GetSiloServiceProvider().GetRequiredService<EscrowPaymentWebhooks>();
        _endpoint.MapPost("/webhooks/stripe", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var payload = await reader.ReadToEndAsync();
            try
            {
                return Results.Text(await webhooks.HandleAsync(payload, request.Headers["Stripe-Signature"].ToString()) ? "applied" : "ignored");
            }
            catch (PaymentWebhookException refused)
            {
                return Results.BadRequest(refused.Message);
            }
        });
        await _endpoint.StartAsync();
        var address = _endpoint.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        WebhookEndpoint = new Uri($"{address}/webhooks/stripe");
    }

    public override async Task DisposeAsync()
    {
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }

        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    protected override void ConfigureStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorageAsDefault().AddMemoryGrainStorage("PubSubStore").AddMemoryEventJournal();

    protected override IEnumerable<KeyValuePair<string, string?>> PaymentSettings() =>
    [
        KeyValuePair.Create("Provider", (string?)"Stripe"),
        KeyValuePair.Create("Stripe:ApiKey", (string?)FakeStripeServer.ApiKey),
        KeyValuePair.Create("Stripe:WebhookSecret", (string?)FakeStripeServer.WebhookSecret),
        KeyValuePair.Create("Stripe:ApiBase", (string?)Stripe.ApiBase),
        KeyValuePair.Create("Stripe:Timeout", (string?)"00:00:05"),
        KeyValuePair.Create("Stripe:MaxNetworkRetries", (string?)"2"),
    ];
}
