using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Grains.Tenancy;
using Platform.Orleans.Security;

namespace Platform.Api.Hosting;

/// <summary>Refuses a configuration the API cannot run with, naming every bad value (checked when the host starts).</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        if (options.Gateways.Count == 0 && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            errors.Add("Api:Gateways or Api:PostgresConnectionString must say where the silos are.");
        }

        foreach (var gateway in options.Gateways)
        {
            if (!IPEndPoint.TryParse(gateway, out var endpoint) || endpoint.Port == 0)
            {
                errors.Add($"Api:Gateways entry '{gateway}' is not an 'address:port' endpoint.");
            }
        }

        try
        {
            TenantKey.CheckTenantId(options.OperatorTenant);
        }
        catch (ArgumentException)
        {
            errors.Add($"Api:OperatorTenant '{options.OperatorTenant}' must be a tenant id: 1 to {TenantKey.MaxTenantIdLength} lower-case ASCII letters, digits and '-'.");
        }

        if (options.GrainCallTimeout <= TimeSpan.Zero || options.GrainCallTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Api:GrainCallTimeout '{options.GrainCallTimeout}' must be between 00:00:00 and 00:05:00.");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"Api:MaxRequestBodyBytes '{options.MaxRequestBodyBytes}' must be between 1024 and 16777216.");
        }

        if (options.Escrow.PlatformFeePercent is < 0 or > 50)
        {
            errors.Add($"Api:Escrow:PlatformFeePercent '{options.Escrow.PlatformFeePercent.ToString(CultureInfo.InvariantCulture)}' must be between 0 and 50.");
        }

        var concurrency = options.Concurrency;
        if (concurrency.MaxRequests is < 1 or > 100_000)
        {
            errors.Add($"Api:Concurrency:MaxRequests '{concurrency.MaxRequests}' must be between 1 and 100000.");
        }

        if (concurrency.QueueLimit is < 0 or > 1_000_000)
        {
            errors.Add($"Api:Concurrency:QueueLimit '{concurrency.QueueLimit}' must be between 0 and 1000000.");
        }

        if (concurrency.QueueTimeout <= TimeSpan.Zero || concurrency.QueueTimeout >= options.GrainCallTimeout)
        {
            errors.Add($"Api:Concurrency:QueueTimeout '{concurrency.QueueTimeout}' must be above 00:00:00 and below Api:GrainCallTimeout ({options.GrainCallTimeout}).");
        }

        CheckJwt(options, errors);
        CheckRates(options.RateLimits, errors);
        CheckTls(options.Tls, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckJwt(ApiOptions options, List<string> errors)
    {
        var jwt = options.Jwt;
        if (string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            errors.Add("Api:Jwt:Issuer must name the token issuer.");
        }

        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            errors.Add("Api:Jwt:Audience must name this API.");
        }

        var keySources = (jwt.DevelopmentIssuer ? 1 : 0) + (string.IsNullOrWhiteSpace(jwt.JwksUrl) ? 0 : 1) + (jwt.SigningKeysPem.Count > 0 ? 1 : 0);
        if (keySources != 1)
        {
            errors.Add("Exactly one of Api:Jwt:JwksUrl, Api:Jwt:SigningKeysPem and Api:Jwt:DevelopmentIssuer must give the signing keys.");
        }

        if (jwt.JwksUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors.Add($"Api:Jwt:JwksUrl '{url}' is not an absolute http(s) URL.");
        }

        for (var i = 0; i < jwt.SigningKeysPem.Count; i++)
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(jwt.SigningKeysPem[i]);
            }
            catch (ArgumentException)
            {
                errors.Add($"Api:Jwt:SigningKeysPem[{i}] is not an RSA public key in PEM.");
            }
        }

        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Api:Jwt:ClockSkew '{jwt.ClockSkew}' must be between 00:00:00 and 00:05:00.");
        }
    }

    /// <summary>Reads the certificate files as the client will, to name a bad one by its Api:Tls key.</summary>
    private static void CheckTls(MutualTlsOptions? tls, List<string> errors)
    {
        if (tls is null)
        {
            return;
        }

        try
        {
            using var credentials = MutualTlsCredentials.ForClient(tls, property => $"{ApiOptions.SectionName}:{nameof(ApiOptions.Tls)}:{property}");
        }
        catch (OptionsValidationException refusal)
        {
            errors.AddRange(refusal.Failures);
        }
    }

    private static void CheckRates(RateLimitOptions rates, List<string> errors)
    {
        foreach (var (setting, value) in new[]
        {
            ("PerUserPerSecond", rates.PerUserPerSecond), ("PerUserBurst", rates.PerUserBurst),
            ("PerTenantPerSecond", rates.PerTenantPerSecond), ("PerTenantBurst", rates.PerTenantBurst),
        })
        {
            if (value < 1)
            {
                errors.Add($"Api:RateLimits:{setting} '{value}' must be at least 1.");
            }
        }
    }
}
