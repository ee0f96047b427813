namespace Platform.Api.Security;

/// <summary>
/// Which bearer tokens the API accepts: RS256, from <see cref="Issuer"/> for <see cref="Audience"/>, signed by a key from
/// <see cref="JwksUrl"/> or <see cref="SigningKeysPem"/>. <see cref="DevelopmentIssuer"/> makes the API its own issuer
/// (a key made at start, a token endpoint for the seeded demo users): the embedded default only.
/// </summary>
public sealed class JwtOptions
{
    public string Issuer { get; set; } = string.Empty;

    public string Audience { get; set; } = "platform-api";

    /// <summary>The issuer's JSON Web Key Set, e.g. "https://login.example.com/.well-known/jwks.json".</summary>
    public string? JwksUrl { get; set; }

    /// <summary>RSA public keys in PEM ("-----BEGIN PUBLIC KEY-----..."), when the keys are configured rather than fetched.</summary>
    public List<string> SigningKeysPem { get; set; } = [];

    public bool DevelopmentIssuer { get; set; }

    /// <summary>Tokens may be this far past their expiry or before their start (clock skew between hosts).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
