using System.Security.Claims;
using Platform.Grains.Tenancy;

namespace Platform.Api.Security;

/// <summary>
/// Who makes a request, from the validated token: the tenant (claim "tenant"), the user id in it ("sub") and the roles.
/// Every grain key an endpoint builds comes from here or is checked against it, so nobody reaches another tenant.
/// </summary>
public sealed record Caller(string TenantId, string UserId, IReadOnlySet<string> Roles)
{
    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";

    /// <summary>The caller's own grain key, "tenant/user-id" (freelancer and client grains are keyed by user).</summary>
    public string Key => $"{TenantId}/{UserId}";

    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);

    /// <summary>A key of the caller's tenant for <paramref name="id"/>; throws <see cref="ArgumentException"/> naming a malformed id.</summary>
    public string KeyOf(string id) => TenantKey.Create(TenantId, id).ToString();

    /// <summary>Binds an endpoint's <see cref="Caller"/> parameter from the authenticated user.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(Of(context));

    /// <summary>
    /// The request's caller, read from its claims once per request: the rate limiters and the endpoint's binding all
    /// ask for it.
    /// </summary>
    public static Caller? Of(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(Caller), out var known))
        {
            return (Caller?)known;
        }

        var caller = From(context.User);
        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>Null when the principal lacks a valid tenant or subject (the token is then refused as 401).</summary>
    public static Caller? From(ClaimsPrincipal principal)
    {
        var tenant = principal.FindFirstValue(TenantClaim);
        var user = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(user))
        {
            return null;
        }

        try
        {
            TenantKey.Create(tenant, user);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var roles = principal.FindAll(RoleClaim).Concat(principal.FindAll(ClaimTypes.Role)).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(tenant, user, roles);
    }
}
