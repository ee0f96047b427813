using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Security;

namespace Platform.Api.Dashboard;

/// <summary>
/// <c>POST /api/admin/dashboard-session</c>: an operator's bearer token in, the dashboard's session cookie out
/// (<see cref="DashboardSession"/>). The token comes in the Authorization header only, never in a URL or a body; a
/// request without one is a 401, a token that is not an operator's (an admin of the operators' tenant) a 403, each saying why
/// (<see cref="AuthorizationRefusals"/>).
/// </summary>
internal static class DashboardSessionApi
{
    public const string Route = "/api/admin/dashboard-session";

    public static RouteHandlerBuilder MapDashboardSessionApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost(Route, Start).WithTags("Operators").RequireAuthorization(DashboardHostingExtensions.OperatorPolicy);

    private static Ok<DashboardSessionResponse> Start(HttpContext http)
    {
        // Authorization passed, and on this path the bearer handler took the token from the Authorization header alone,
        // after "Bearer ", trimmed: the same characters go into the cookie.
        var token = http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var expiresAt = DashboardSession.Start(http, token);
        return TypedResults.Ok(new DashboardSessionResponse($"{DashboardSession.Path}/", expiresAt));
    }
}
