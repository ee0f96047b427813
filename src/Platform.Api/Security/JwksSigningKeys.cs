using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Security;

/// <summary>
/// The signing keys of <see cref="JwtOptions.JwksUrl"/>, fetched on first use and again every
/// <see cref="RefreshInterval"/>, or sooner when a token names a key id the cached set lacks (the issuer rotated its keys),
/// at most once per <see cref="MinimumRefreshGap"/> so forged key ids cannot make the API hammer the issuer.
/// </summary>
internal sealed class JwksSigningKeys(HttpClient http, Uri jwksUrl, TimeProvider clock)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinimumRefreshGap = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        var now = clock.GetUtcNow();
        var unknownKey = keyId is not null && !_keys.Any(key => key.KeyId == keyId);
        if (now - _fetchedAt > RefreshInterval || (unknownKey && now - _fetchedAt > MinimumRefreshGap))
        {
            // The token handler's resolver is synchronous; a fetch happens once per refresh interval at most.
            RefreshAsync(now).GetAwaiter().GetResult();
        }

        return keyId is null ? _keys : _keys.Where(key => key.KeyId == keyId);
    }

    private async Task RefreshAsync(DateTimeOffset now)
    {
        await _refresh.WaitAsync();
        try
        {
            if (now - _fetchedAt <= MinimumRefreshGap)
            {
                return;
            }

            var json = await http.GetStringAsync(jwksUrl);
            _keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
            _fetchedAt = now;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
