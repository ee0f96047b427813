using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Endpoints.Requests;
using Platform.Api.Security;
using Platform.Grains.Sync;

namespace Platform.Api.Endpoints;

/// <summary>
/// Offline sync of the caller's own entries (any role): the grain is keyed by the caller, so nobody reaches another
/// user's data. No Idempotency-Key: the grain applies each transaction hash once, so a resent batch is safe as it is.
/// </summary>
public static class SyncApi
{
    public static RouteGroupBuilder MapSyncApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync").WithTags("Sync");
        group.MapPost("/", Sync);
        return group;
    }

    private static async Task<Ok<SyncResult>> Sync(SyncBatchRequest request, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISyncGrain>(caller.Key).Sync(request.ToSyncRequest()));
}
