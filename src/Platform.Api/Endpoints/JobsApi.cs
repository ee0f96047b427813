using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Endpoints.Requests;
using Platform.Api.Idempotency;
using Platform.Api.Security;
using Platform.Grains.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>
/// Posting, reading and cancelling jobs. Another client's job is a 404, never a 403: its id says nothing. Cancelling
/// creates nothing and moves no money, and a repeat is refused by the job's state, so it takes no idempotency key.
/// </summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapPost("/", PostJob).RequireAuthorization(Roles.Client).AddEndpointFilter<IdempotencyFilter>();
        group.MapGet("/{jobId}", GetJob);
        group.MapPost("/{jobId}/publish", Publish).RequireAuthorization(Roles.Client);
        group.MapPost("/{jobId}/cancellation", Cancel).RequireAuthorization(Roles.Client);
        group.MapPost("/{jobId}/shift-cancellation", CancelShift).RequireAuthorization(policy => policy.RequireRole(Roles.Client, Roles.Freelancer));
        return group;
    }

    private static async Task<Created<JobSnapshot>> PostJob(JobRequest request, Caller caller, IGrainFactory grains, HttpContext http)
    {
        // Named after the request rather than at random: an attempt that runs again after the first one's answer was lost
        // finds the job the first one created.
        var jobId = IdempotentRequest.Of(http).DerivedId("job");
        var draft = new JobDraft(
            request.Title, request.Description, request.RequiredSkills, request.RequiredCertifications ?? [], request.ShiftStart, request.ShiftEnd,
            request.Latitude, request.Longitude, request.RadiusKm, request.HourlyWageMin, request.HourlyWageMax, request.Currency, caller.UserId);
        var snapshot = await grains.GetGrain<IJobGrain>(caller.KeyOf(jobId)).Create(draft, request.Publish);
        return TypedResults.Created($"/api/jobs/{jobId}", snapshot);
    }

    private static async Task<Results<Ok<JobSnapshot>, Ok<PublicJob>, NotFound>> GetJob(string jobId, Caller caller, IGrainFactory grains)
    {
        var job = await grains.GetGrain<IJobGrain>(caller.KeyOf(jobId)).Get();
        if (job is null || !JobAccess.MaySee(caller, job))
        {
            return TypedResults.NotFound();
        }

        return JobAccess.Owns(caller, job) ? TypedResults.Ok(job) : TypedResults.Ok(PublicJob.Of(job));
    }

    private static async Task<Results<Ok<JobSnapshot>, NotFound>> Publish(string jobId, Caller caller, IGrainFactory grains)
    {
        var job = grains.GetGrain<IJobGrain>(caller.KeyOf(jobId));
        if (await job.Get() is not { } snapshot || !JobAccess.Owns(caller, snapshot))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await job.Publish());
    }

    private static async Task<Results<Ok<JobSnapshot>, NotFound>> Cancel(string jobId, CancellationRequest request, Caller caller, IGrainFactory grains)
    {
        var job = grains.GetGrain<IJobGrain>(caller.KeyOf(jobId));
        if (await job.Get() is not { } snapshot || !JobAccess.Owns(caller, snapshot))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await job.Cancel(request.Reason));
    }

    /// <summary>The job's client cancels the hired freelancer's shift, or the hired freelancer cancels their own.</summary>
    private static async Task<Results<Ok<JobSnapshot>, Ok<PublicJob>, NotFound>> CancelShift(string jobId, CancellationRequest request, Caller caller, IGrainFactory grains)
    {
        var job = grains.GetGrain<IJobGrain>(caller.KeyOf(jobId));
        var snapshot = await job.Get();
        if (snapshot is not null && JobAccess.Owns(caller, snapshot))
        {
            return TypedResults.Ok(await job.CancelShift(new ShiftCancellation(ShiftParty.Client, null, request.Reason)));
        }

        if (snapshot is not null && JobAccess.IsHired(caller, snapshot))
        {
            return TypedResults.Ok(PublicJob.Of(await job.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, caller.Key, request.Reason))));
        }

        return TypedResults.NotFound();
    }
}
