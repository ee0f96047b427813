using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Platform.Client;

/// <summary>Checks <see cref="PlatformClientOptions"/> before Orleans sees them, naming each bad value.</summary>
internal static class PlatformClientOptionsValidator
{
    /// <exception cref="OptionsValidationException">Something is missing or malformed; the message lists every failure.</exception>
    public static void ThrowIfInvalid(PlatformClientOptions options)
    {
        var failures = new List<string>();
        CheckName(options.ClusterId, nameof(options.ClusterId), failures);
        CheckName(options.ServiceId, nameof(options.ServiceId), failures);
        var hasGateways = options.Gateways.Count > 0;
        var hasPostgres = !string.IsNullOrWhiteSpace(options.PostgresConnectionString);
        if (hasGateways == hasPostgres)
        {
            failures.Add(hasGateways
                ? "PlatformClientOptions: give either Gateways or PostgresConnectionString, not both."
                : "PlatformClientOptions: give Gateways (e.g. 127.0.0.1:30000) or PostgresConnectionString to find the cluster.");
        }

        for (var i = 0; i < options.Gateways.Count; i++)
        {
            if (!TryParseGateway(options.Gateways[i], out _))
            {
                failures.Add($"PlatformClientOptions.Gateways[{i}] '{options.Gateways[i]}' is not address:port with an IP address and a port from 1 to 65535, e.g. 127.0.0.1:30000.");
            }
        }

        if (options.ResponseTimeout <= TimeSpan.Zero)
        {
            failures.Add($"PlatformClientOptions.ResponseTimeout must be greater than zero; it is {options.ResponseTimeout}.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(PlatformClientOptions), typeof(PlatformClientOptions), failures);
        }
    }

    public static IPEndPoint ParseGateway(string text) =>
        TryParseGateway(text, out var endpoint) ? endpoint : throw new FormatException($"'{text}' is not address:port.");

    private static bool TryParseGateway(string? text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) && host.Contains('.') != host.Contains(':') ? parsed : null;
        if (address is null
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }

    private static void CheckName(string? value, string property, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"PlatformClientOptions.{property} must not be empty.");
        }
    }
}
