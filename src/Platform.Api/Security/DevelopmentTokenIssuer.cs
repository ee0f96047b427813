using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Security;

/// <summary>
/// The embedded default's own token issuer: an RSA key made when the API starts (so tokens die with the process) and
/// RS256 tokens for whoever asks. Registered only when <see cref="JwtOptions.DevelopmentIssuer"/> is on; never in a cluster.
/// </summary>
public sealed class DevelopmentTokenIssuer : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JwtOptions _options;
    private readonly TimeProvider _clock;

    public DevelopmentTokenIssuer(JwtOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = "platform-development" };
    }

    public SecurityKey SigningKey { get; }

    /// <summary>A token for <paramref name="userId"/> of <paramref name="tenantId"/> with <paramref name="roles"/>.</summary>
    public string Issue(string tenantId, string userId, IEnumerable<string> roles, TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("sub", userId), new(Caller.TenantClaim, tenantId) };
        claims.AddRange(roles.Select(role => new Claim(Caller.RoleClaim, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();
}
