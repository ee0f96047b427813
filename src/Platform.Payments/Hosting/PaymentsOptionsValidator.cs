using System.Globalization;
using Microsoft.Extensions.Options;

namespace Platform.Payments.Hosting;

/// <summary>Refuses a payments configuration that cannot work, naming the key and its value (never a secret's value).</summary>
internal sealed class PaymentsOptionsValidator(string sectionPath) : IValidateOptions<PaymentsOptions>
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.Equals(options.Provider, PaymentsOptions.SimulatedProvider, StringComparison.OrdinalIgnoreCase) && !options.UsesStripe)
        {
            failures.Add($"{Key("Provider")} must be '{PaymentsOptions.SimulatedProvider}' or '{PaymentsOptions.StripeProvider}'; it is '{options.Provider}'.");
        }

        ValidateSimulated(options.Simulated, failures);
        if (options.UsesStripe)
        {
            ValidateStripe(options.Stripe, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateSimulated(SimulatedPaymentOptions simulated, List<string> failures)
    {
        var ratesValid = CheckRate(simulated.TimeoutAfterPerformingRate, "Simulated:TimeoutAfterPerformingRate", failures)
            & CheckRate(simulated.UnavailableRate, "Simulated:UnavailableRate", failures);
        if (ratesValid && simulated.TimeoutAfterPerformingRate + simulated.UnavailableRate > 1)
        {
            failures.Add(
                $"{Key("Simulated:TimeoutAfterPerformingRate")} and {Key("Simulated:UnavailableRate")} must add up to at most 1; " +
                $"they add up to {Format(simulated.TimeoutAfterPerformingRate + simulated.UnavailableRate)}.");
        }

        if (string.IsNullOrWhiteSpace(simulated.WebhookSecret))
        {
            failures.Add($"{Key("Simulated:WebhookSecret")} must not be empty.");
        }

        CheckPositive(simulated.WebhookTolerance, "Simulated:WebhookTolerance", failures);
    }

    private void ValidateStripe(StripePaymentOptions stripe, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(stripe.ApiKey))
        {
            failures.Add($"{Key("Stripe:ApiKey")} is required when {Key("Provider")} is 'Stripe': a secret key 'sk_...' or a restricted key 'rk_...'.");
        }
        else if (!stripe.ApiKey.StartsWith("sk_", StringComparison.Ordinal) && !stripe.ApiKey.StartsWith("rk_", StringComparison.Ordinal))
        {
            // Only the prefix: the value may be a real secret.
            failures.Add(
                $"{Key("Stripe:ApiKey")} must be a secret key 'sk_...' or a restricted key 'rk_...'; it starts with '{stripe.ApiKey[..Math.Min(3, stripe.ApiKey.Length)]}' " +
                "(a publishable key 'pk_...' cannot move money).");
        }

        if (string.IsNullOrWhiteSpace(stripe.WebhookSecret))
        {
            failures.Add($"{Key("Stripe:WebhookSecret")} is required when {Key("Provider")} is 'Stripe': the endpoint's signing secret 'whsec_...'.");
        }
        else if (!stripe.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            failures.Add($"{Key("Stripe:WebhookSecret")} must be a webhook signing secret 'whsec_...'; it starts with '{stripe.WebhookSecret[..Math.Min(6, stripe.WebhookSecret.Length)]}'.");
        }

        if (stripe.ApiBase is not null
            && (!Uri.TryCreate(stripe.ApiBase, UriKind.Absolute, out var apiBase) || (apiBase.Scheme != Uri.UriSchemeHttps && apiBase.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{Key("Stripe:ApiBase")} must be an absolute http or https URI such as https://api.stripe.com; it is '{stripe.ApiBase}'.");
        }

        if (stripe.Timeout < MinTimeout || stripe.Timeout > MaxTimeout)
        {
            failures.Add($"{Key("Stripe:Timeout")} must be between {MinTimeout:c} and {MaxTimeout:c}; it is {stripe.Timeout:c}.");
        }

        if (stripe.MaxNetworkRetries is < 0 or > 10)
        {
            failures.Add($"{Key("Stripe:MaxNetworkRetries")} must be between 0 and 10; it is {stripe.MaxNetworkRetries.ToString(CultureInfo.InvariantCulture)}.");
        }

        CheckPositive(stripe.WebhookTolerance, "Stripe:WebhookTolerance", failures);
    }

    private bool CheckRate(double rate, string key, List<string> failures)
    {
        // Written as "not within" so that NaN is refused too.
        if (!(rate >= 0 && rate <= 1))
        {
            failures.Add($"{Key(key)} must be between 0 and 1; it is {Format(rate)}.");
            return false;
        }

        return true;
    }

    private void CheckPositive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key(key)} must be longer than 0; it is {value:c}.");
        }
    }

    private string Key(string key) => string.IsNullOrEmpty(sectionPath) ? key : $"{sectionPath}:{key}";

    // Rounded for the reader: 0.7 + 0.6 is 1.2999999999999998 in binary floating point.
    private static string Format(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
