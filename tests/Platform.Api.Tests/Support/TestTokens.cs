using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Tests.Support;

/// <summary>An issuer of the tests' own: the API is configured with its public key, as with a real identity provider's.</summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://identity.test";
    public const string Audience = "platform-api";

    private readonly RSA _key = RSA.Create(2048);

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public string For(string tenant, string user, params string[] roles) => Create(tenant, user, roles, TimeSpan.FromMinutes(10));

    /// <summary>A token with any lifetime, issuer, audience or signing key, to prove what the API refuses.</summary>
    public string Create(string? tenant, string user, string[] roles, TimeSpan lifetime, string issuer = Issuer, string audience = Audience, RSA? signWith = null)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", user) };
        if (tenant is not null)
        {
            claims.Add(new Claim("tenant", tenant));
        }

        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now,
            IssuedAt = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key), SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _key.Dispose();
}
