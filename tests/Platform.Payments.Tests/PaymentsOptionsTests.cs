using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Payments.Hosting;

namespace Platform.Payments.Tests;

public sealed class PaymentsOptionsTests
{
    [Fact]
    public void The_simulated_provider_is_the_default_and_needs_no_settings()
    {
        Validate([]).ShouldBeEmpty();
    }

    [Fact]
    public void A_complete_Stripe_configuration_is_accepted()
    {
        Validate(Stripe()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Provider", "Paypal", "Payments:Provider must be 'Simulated' or 'Stripe'; it is 'Paypal'.")]
    [InlineData("Stripe:ApiKey", null, "Payments:Stripe:ApiKey is required when Payments:Provider is 'Stripe': a secret key 'sk_...' or a restricted key 'rk_...'.")]
    [InlineData("Stripe:ApiKey", "pk_live_123", "Payments:Stripe:ApiKey must be a secret key 'sk_...' or a restricted key 'rk_...'; it starts with 'pk_' (a publishable key 'pk_...' cannot move money).")]
    [InlineData("Stripe:WebhookSecret", null, "Payments:Stripe:WebhookSecret is required when Payments:Provider is 'Stripe': the endpoint's signing secret 'whsec_...'.")]
    [InlineData("Stripe:WebhookSecret", "secret", "Payments:Stripe:WebhookSecret must be a webhook signing secret 'whsec_...'; it starts with 'secret'.")]
    [InlineData("Stripe:ApiBase", "api.stripe.com", "Payments:Stripe:ApiBase must be an absolute http or https URI such as https://api.stripe.com; it is 'api.stripe.com'.")]
    [InlineData("Stripe:Timeout", "00:00:00.5", "Payments:Stripe:Timeout must be between 00:00:01 and 00:10:00; it is 00:00:00.5000000.")]
    [InlineData("Stripe:MaxNetworkRetries", "11", "Payments:Stripe:MaxNetworkRetries must be between 0 and 10; it is 11.")]
    [InlineData("Stripe:WebhookTolerance", "00:00:00", "Payments:Stripe:WebhookTolerance must be longer than 0; it is 00:00:00.")]
    public void A_bad_Stripe_setting_is_refused_naming_the_key_and_value_but_never_a_secret(string key, string? value, string message)
    {
        var settings = Stripe();
        settings[$"Payments:{key}"] = value;
        Validate(settings).ShouldBe([message]);
    }

    [Theory]
    [InlineData("Simulated:TimeoutAfterPerformingRate", "1.5", "Payments:Simulated:TimeoutAfterPerformingRate must be between 0 and 1; it is 1.5.")]
    [InlineData("Simulated:UnavailableRate", "NaN", "Payments:Simulated:UnavailableRate must be between 0 and 1; it is NaN.")]
    [InlineData("Simulated:WebhookSecret", " ", "Payments:Simulated:WebhookSecret must not be empty.")]
    public void A_bad_simulated_setting_is_refused_naming_the_key(string key, string value, string message)
    {
        Validate(new() { [$"Payments:{key}"] = value }).ShouldBe([message]);
    }

    [Fact]
    public void Fault_rates_that_add_up_to_more_than_one_are_refused()
    {
        Validate(new() { ["Payments:Simulated:TimeoutAfterPerformingRate"] = "0.7", ["Payments:Simulated:UnavailableRate"] = "0.6" }).ShouldBe(
            ["Payments:Simulated:TimeoutAfterPerformingRate and Payments:Simulated:UnavailableRate must add up to at most 1; they add up to 1.3."]);
    }

    [Fact]
    public async Task A_silo_with_a_bad_payments_section_refuses_to_start_naming_every_bad_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Provider"] = "Stripe",
            ["Payments:Stripe:ApiKey"] = "pk_test_123",
        });
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()).AddPlatformPayments(builder.Configuration.GetSection("Payments")));
        using var host = builder.Build();

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        refused.Failures.ShouldBe([
            "Payments:Stripe:ApiKey must be a secret key 'sk_...' or a restricted key 'rk_...'; it starts with 'pk_' (a publishable key 'pk_...' cannot move money).",
            "Payments:Stripe:WebhookSecret is required when Payments:Provider is 'Stripe': the endpoint's signing secret 'whsec_...'.",
        ]);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, string?> Stripe() => new()
    {
        ["Payments:Provider"] = "stripe",
        ["Payments:Stripe:ApiKey"] = "sk_test_123",
        ["Payments:Stripe:WebhookSecret"] = "whsec_456",
        ["Payments:Stripe:ApiBase"] = "http://127.0.0.1:12111",
    };

    private static IEnumerable<string> Validate(Dictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Payments");
        var options = new PaymentsOptions();
        section.Bind(options);
        var result = new PaymentsOptionsValidator(section.Path).Validate(null, options);
        return result.Failures ?? [];
    }
}
