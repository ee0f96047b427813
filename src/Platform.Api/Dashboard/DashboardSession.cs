using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.Api.Dashboard;

/// <summary>
/// An operator's session on the Orleans dashboard: a browser sends no Authorization header when it navigates, so the
/// admin's own access token travels in an HttpOnly, SameSite=Strict cookie scoped to <see cref="Path"/>. The bearer
/// handler reads that cookie on the dashboard's paths alone (<see cref="TokenOf"/>), so it never authenticates a call
/// of the API itself; and since the cookie holds the token, every API instance validates it without a shared key and
/// the session ends when the token expires.
/// </summary>
internal static class DashboardSession
{
    /// <summary>Where the dashboard's pages and the calls they poll live.</summary>
    public const string Path = "/dashboard";

    public const string CookieName = "platform-dashboard";

    /// <summary>The anonymous page where an operator trades an admin token for the session (<c>wwwroot</c>).</summary>
    public const string SignInPage = "/dashboard-sign-in.html";

    /// <summary>Sets the session cookie for <paramref name="token"/>, already validated; returns when it expires.</summary>
    public static DateTimeOffset Start(HttpContext http, string token)
    {
        var expiresAt = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Expires = expiresAt,
            IsEssential = true,
        });
        return expiresAt;
    }

    /// <summary>The session's token for a request to the dashboard that carries no Authorization header; otherwise null.</summary>
    public static string? TokenOf(HttpRequest request) =>
        request.Path.StartsWithSegments(Path) && request.Headers.Authorization.Count == 0 && request.Cookies.TryGetValue(CookieName, out var token)
            ? token
            : null;
}
