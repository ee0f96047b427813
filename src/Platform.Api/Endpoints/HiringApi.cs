using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Endpoints.Requests;
using Platform.Api.Idempotency;
using Platform.Api.Security;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>Applying, offering and accepting: each creates something, so each takes an idempotency key.</summary>
public static class HiringApi
{
    public static RouteGroupBuilder MapHiringApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/jobs/{jobId}").WithTags("Hiring").AddEndpointFilter<IdempotencyFilter>();
        group.MapPost("/applications", Apply).RequireAuthorization(Roles.Freelancer);
        group.MapPost("/offers", Offer).RequireAuthorization(Roles.Client);
        group.MapPost("/acceptance", Accept).RequireAuthorization(Roles.Freelancer);
        return group;
    }

    private static async Task<Created<PublicJob>> Apply(string jobId, ApplicationRequest request, Caller caller, IGrainFactory grains)
    {
        var job = await grains.GetGrain<IFreelancerGrain>(caller.Key).Apply(caller.KeyOf(jobId), request.CoverNote);
        return TypedResults.Created($"/api/jobs/{jobId}", PublicJob.Of(job));
    }

    private static async Task<Results<Created<JobSnapshot>, NotFound>> Offer(string jobId, OfferRequest request, Caller caller, IGrainFactory grains)
    {
        var job = grains.GetGrain<IJobGrain>(caller.KeyOf(jobId));
        if (await job.Get() is not { } snapshot || !JobAccess.Owns(caller, snapshot))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Created($"/api/jobs/{jobId}", await job.MakeOffer(caller.KeyOf(request.FreelancerId), request.HourlyWage));
    }

    private static async Task<Created<PublicJob>> Accept(string jobId, Caller caller, IGrainFactory grains)
    {
        var job = await grains.GetGrain<IFreelancerGrain>(caller.Key).AcceptOffer(caller.KeyOf(jobId));
        return TypedResults.Created($"/api/jobs/{jobId}", PublicJob.Of(job));
    }
}
