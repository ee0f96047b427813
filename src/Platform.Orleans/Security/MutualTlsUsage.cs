namespace Platform.Orleans.Security;

/// <summary>The extended key usages (RFC 5280) a certificate needs for each side of a TLS handshake.</summary>
public static class MutualTlsUsage
{
    /// <summary>id-kp-serverAuth: the side that accepts the connection (a silo, for silos and clients).</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>id-kp-clientAuth: the side that opens the connection (a silo dialling a silo, a client dialling a gateway).</summary>
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// A silo accepts connections and opens them to other silos, so it needs both; a client only opens them. Because a
    /// silo's port admits only certificates with both, a client's certificate cannot join as a silo.
    /// </summary>
    public static IReadOnlyList<string> OfSilo { get; } = [ServerAuthentication, ClientAuthentication];

    public static IReadOnlyList<string> OfClient { get; } = [ClientAuthentication];

    internal static string Describe(string usage) => usage switch
    {
        ServerAuthentication => "TLS server authentication",
        ClientAuthentication => "TLS client authentication",
        _ => usage,
    };
}
