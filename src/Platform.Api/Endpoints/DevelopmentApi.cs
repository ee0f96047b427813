using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Endpoints.Requests;
using Platform.Api.Security;

namespace Platform.Api.Endpoints;

/// <summary>The development issuer's token endpoint: mapped only when the API is its own issuer (the embedded default).</summary>
public static class DevelopmentApi
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    public static RouteGroupBuilder MapDevelopmentApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/dev").WithTags("Development").AllowAnonymous();
        group.MapPost("/token", IssueToken);
        return group;
    }

    private static Results<Ok<TokenResponse>, ValidationProblem> IssueToken(TokenRequest request, DevelopmentTokenIssuer issuer)
    {
        var unknown = request.Roles.Where(role => !Roles.All.Contains(role)).ToList();
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["roles"] = [$"Unknown role(s) {string.Join(", ", unknown.Select(role => $"'{role}'"))}; roles are {string.Join(", ", Roles.All)}."],
            });
        }

        return TypedResults.Ok(new TokenResponse(issuer.Issue(request.Tenant, request.User, request.Roles, TokenLifetime), DateTimeOffset.UtcNow + TokenLifetime));
    }
}
