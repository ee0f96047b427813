using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Security;
using Platform.Grains.Alerts;

namespace Platform.Api.Endpoints;

/// <summary>The caller's alerts for clients that poll instead of holding a connection to the alerts hub (any role).</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/notifications").WithTags("Notifications");
        group.MapGet("/", Since);
        return group;
    }

    /// <param name="since">The highest sequence the client has shown (0: everything kept); a negative one is a 400.</param>
    private static async Task<Ok<AlertCatchUp>> Since(Caller caller, IGrainFactory grains, long since = 0) =>
        TypedResults.Ok(await grains.GetGrain<IUserAlertsGrain>(caller.Key).Since(since));
}
