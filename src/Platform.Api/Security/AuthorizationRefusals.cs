using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Dashboard;

namespace Platform.Api.Security;

/// <summary>
/// Refuses as the framework does (the bearer handler's challenge with its WWW-Authenticate header, or its 403) and says
/// why in the problem body, which the framework leaves empty: a 401 names what is wrong with the credentials (none sent,
/// expired, another issuer...), a 403 the roles (and, for operators, the tenant) the endpoint needs. On the dashboard's paths a 401 also says how an
/// operator signs in.
/// </summary>
internal sealed class AuthorizationRefusals(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _framework.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Challenged)
        {
            // The handler's result of this request, kept from the authentication middleware: no second validation.
            var authentication = await context.AuthenticateAsync();
            await WriteAsync(context, StatusCodes.Status401Unauthorized, Unauthenticated(context.Request.Path, authentication.Failure));
        }
        else if (authorizeResult.Forbidden)
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, Forbidden(context, authorizeResult.AuthorizationFailure));
        }
    }

    private static string Unauthenticated(PathString path, Exception? failure)
    {
        var why = failure is null
            ? "The request carries no access token: send it as 'Authorization: Bearer <token>'."
            : $"The access token was refused. {Describe(failure)}";
        return path.StartsWithSegments(DashboardSession.Path)
            ? $"{why} The dashboard takes an operator's token (an admin of the operators' tenant), or the session cookie that POST {DashboardSessionApi.Route} sets for one (the page {DashboardSession.SignInPage} does it)."
            : why;
    }

    private static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException expired => $"It expired at {expired.Expires:u}.",
        SecurityTokenNotYetValidException early => $"It is valid only from {early.NotBefore:u}.",
        SecurityTokenInvalidIssuerException => "It is from an issuer this API does not trust.",
        SecurityTokenInvalidAudienceException => "It is for another audience.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "It is not signed by a key this API trusts.",
        SecurityTokenException => "It is not a valid token.",

        // The claims check after validation (ApiAuthentication), whose message names the claims.
        AuthenticationFailureException claims => claims.Message,
        _ => "It is not a well-formed token.",
    };

    private static string Forbidden(HttpContext context, AuthorizationFailure? failure)
    {
        var failed = failure?.FailedRequirements.ToList() ?? [];
        string[] roles = [.. failed.SelectMany(requirement => requirement switch
        {
            ClaimsAuthorizationRequirement { ClaimType: Caller.RoleClaim, AllowedValues: { } allowed } => allowed,
            RolesAuthorizationRequirement { AllowedRoles: var allowed } => allowed,
            _ => [],
        })];
        string[] tenants = [.. failed.OfType<ClaimsAuthorizationRequirement>()
            .Where(requirement => requirement is { ClaimType: Caller.TenantClaim, AllowedValues: not null })
            .SelectMany(requirement => requirement.AllowedValues!)];
        var caller = Caller.Of(context);
        var reasons = new List<string>(2);
        if (roles.Length > 0)
        {
            var held = caller?.Roles is { Count: > 0 } own ? string.Join(", ", own.Order(StringComparer.Ordinal).Select(role => $"'{role}'")) : "none";
            reasons.Add($"This needs the role {string.Join(" or ", roles.Select(role => $"'{role}'"))}; the token's roles: {held}.");
        }

        if (tenants.Length > 0)
        {
            reasons.Add($"This is for the operators' tenant {string.Join(" or ", tenants.Select(tenant => $"'{tenant}'"))}; the token's tenant: '{caller?.TenantId}'.");
        }

        return reasons.Count == 0 ? "The token does not allow this request." : string.Join(" ", reasons);
    }

    private Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } }).AsTask();
    }
}
