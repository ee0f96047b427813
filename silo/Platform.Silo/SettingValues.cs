using System.Globalization;
using System.Net;

namespace Platform.Silo;

/// <summary>
/// Parses the text of one setting. Each method throws <see cref="FormatException"/> with a message about the value
/// alone (the parser prefixes the option or variable and the value), so every error reads the same way.
/// </summary>
internal static class SettingValues
{
    public static string Name(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? text
            : throw new FormatException("must be letters, digits, '-', '_' or '.'");

    /// <summary>0 means "pick a free port when the silo starts": Orleans itself needs a real port before it binds.</summary>
    public static int Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FormatException("is not a port number from 0 to 65535");

    /// <summary>Unlike the Orleans ports, Kestrel binds port 0 itself and reports the port it got.</summary>
    public static int HttpPort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FormatException("is not a port number from 0 to 65535 or none");

    public static IPAddress Address(string text) =>
        IPAddress.TryParse(text, out var address) && text.Contains(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ':' : '.')
            ? address
            : throw new FormatException("is not an IP address such as 127.0.0.1 or 0.0.0.0");

    public static StorageProvider Provider(string text) =>
        text.ToLowerInvariant() switch
        {
            "memory" => StorageProvider.Memory,
            "postgres" => StorageProvider.Postgres,
            _ => throw new FormatException("is not a storage provider; use memory or postgres"),
        };

    public static string ProviderName(StorageProvider provider) => provider == StorageProvider.Postgres ? "postgres" : "memory";

    public static KubernetesMode Kubernetes(string text) =>
        text.ToLowerInvariant() switch
        {
            "auto" => KubernetesMode.Auto,
            "on" => KubernetesMode.On,
            "off" => KubernetesMode.Off,
            _ => throw new FormatException("is not a Kubernetes mode; use auto, on or off"),
        };

    /// <param name="target">The Orleans option the value sets, e.g. "ClusterMembershipOptions.ProbeTimeout", named in range errors.</param>
    public static TimeSpan PositiveDuration(string text, string target)
    {
        // A bare number would parse as days ("10" is ten days, not ten seconds), so a colon is required.
        if (!text.Contains(':', StringComparison.Ordinal) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10");
        }

        return value > TimeSpan.Zero
            ? value
            : throw new FormatException($"is out of range: {target} must be greater than zero; it is {value}");
    }

    /// <summary>A whole percent from 1 to 100: what Orleans' load-shedding thresholds accept (they are whole numbers).</summary>
    /// <param name="target">The Orleans option the value sets, e.g. "LoadSheddingOptions.CpuThreshold", named in range errors.</param>
    public static int Percent(string text, string target)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("is not a whole percent from 1 to 100; give the number alone, e.g. 80");
        }

        return value is >= 1 and <= 100
            ? value
            : throw new FormatException($"is out of range: {target} must be from 1 to 100 (percent); it is {value}");
    }

    public static int PositiveCount(string text, string target)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("is not a whole number");
        }

        return value >= 1 ? value : throw new FormatException($"is out of range: {target} must be at least 1; it is {value}");
    }
}
