using System.Globalization;
using System.Net;

namespace Platform.Client;

internal static class GatewayEndpoint
{
    /// <summary>Parses "host:port" with a message that says what is wrong.</summary>
    public static DnsEndPoint Parse(string value)
    {
        var colon = value?.LastIndexOf(':') ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1)
        {
            throw new ArgumentException($"Gateway '{value}' must be written as host:port, for example 127.0.0.1:11111.");
        }

        if (!int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"Gateway '{value}' has port '{value[(colon + 1)..]}'; it must be a number from 1 to 65535.");
        }

        return new DnsEndPoint(value[..colon], port);
    }
}
