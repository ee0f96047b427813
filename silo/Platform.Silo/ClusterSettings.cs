using System.Globalization;
using System.Net;
using Platform.Runtime;

namespace Platform.Silo;

/// <summary>The host's cluster settings: what <see cref="ClusterOptions"/> gets, plus where the membership table lives.</summary>
internal sealed class ClusterSettings
{
    private readonly List<Action<ClusterOptions>> _configure = [];

    public string? ClusterId { get; set; }

    public string? Zone { get; set; }

    /// <summary>Null when not given: a normal run listens on 11111, the smoke check on a free port.</summary>
    public int? Port { get; set; }

    public IPAddress? ListenAddress { get; set; }

    public string? AdvertisedHost { get; set; }

    public StorageProvider Membership { get; set; } = StorageProvider.Memory;

    /// <summary>Records a membership timing; the value is parsed by the caller first, so a bad one fails at parse time.</summary>
    public void Configure<T>(T value, Action<ClusterOptions, T> set) => _configure.Add(options => set(options, value));

    public void Apply(ClusterOptions options, int defaultPort)
    {
        options.ClusterId = ClusterId ?? options.ClusterId;
        options.Zone = Zone ?? options.Zone;
        options.Port = Port ?? defaultPort;
        options.ListenAddress = ListenAddress ?? options.ListenAddress;
        options.AdvertisedHost = AdvertisedHost ?? options.AdvertisedHost;
        foreach (var configure in _configure)
        {
            configure(options);
        }
    }

    public static string ParseName(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? text
            : throw new FormatException("must be letters, digits, '-', '_' or '.'");

    public static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FormatException("is not a port number from 0 to 65535");

    public static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new FormatException("is not an IP address such as 127.0.0.1 or 0.0.0.0");
}
