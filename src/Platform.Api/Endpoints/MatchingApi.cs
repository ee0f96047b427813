using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Security;
using Platform.Grains.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>Matching's ranking of freelancers for a job, for the job's client; another client's job is a 404.</summary>
public static class MatchingApi
{
    public static RouteGroupBuilder MapMatchingApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/jobs/{jobId}").WithTags("Matching");
        group.MapGet("/matches", GetMatches).RequireAuthorization(Roles.Client);
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<JobCandidate>>, NotFound>> GetMatches(string jobId, Caller caller, IGrainFactory grains)
    {
        var job = await grains.GetGrain<IJobGrain>(caller.KeyOf(jobId)).Get();
        return job is not null && JobAccess.Owns(caller, job) ? TypedResults.Ok(job.Candidates) : TypedResults.NotFound();
    }
}
