using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Endpoints.Requests;
using Platform.Api.Hosting;
using Platform.Api.Idempotency;
using Platform.Api.Security;
using Platform.Grains.Escrow;
using Platform.Grains.Jobs;
using Platform.Grains.Tenancy;

namespace Platform.Api.Endpoints;

/// <summary>
/// The escrow of a job: one contract per job, keyed by the job's key (so the contract id is the job id), between the
/// job's client and the hired freelancer. The client creates, funds, approves, releases or refunds it; the hired
/// freelancer submits the work; either party disputes it. Creating it and moving money take an idempotency key. A job
/// that is not the caller's (nor the caller hired for it) is a 404.
/// </summary>
public static class EscrowApi
{
    private static readonly JobStatus[] HiredStates = [JobStatus.Filled, JobStatus.InProgress, JobStatus.Completed];

    public static RouteGroupBuilder MapEscrowApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/jobs/{jobId}/contract").WithTags("Escrow");
        group.MapPost("/", Create).RequireAuthorization(Roles.Client).AddEndpointFilter<IdempotencyFilter>();
        group.MapGet("/", Get);
        group.MapPost("/funding", Fund).RequireAuthorization(Roles.Client).AddEndpointFilter<IdempotencyFilter>();
        group.MapPost("/work", SubmitWork).RequireAuthorization(Roles.Freelancer);
        group.MapPost("/approval", Approve).RequireAuthorization(Roles.Client);
        group.MapPost("/release", Release).RequireAuthorization(Roles.Client).AddEndpointFilter<IdempotencyFilter>();
        group.MapPost("/refund", Refund).RequireAuthorization(Roles.Client).AddEndpointFilter<IdempotencyFilter>();
        group.MapPost("/dispute", Dispute).RequireAuthorization(policy => policy.RequireRole(Roles.Client, Roles.Freelancer));
        return group;
    }

    private static async Task<Results<Created<EscrowSnapshot>, NotFound, ProblemHttpResult>> Create(
        string jobId, ContractRequest request, Caller caller, IGrainFactory grains, EscrowOptions escrow)
    {
        var key = caller.KeyOf(jobId);
        if (await JobAsync(key, caller, grains, JobAccess.Owns) is not { } job)
        {
            return TypedResults.NotFound();
        }

        if (!HiredStates.Contains(job.Status))
        {
            return NotHired(jobId, job, "No one is hired yet", "a contract needs a hired freelancer");
        }

        var freelancerId = TenantKey.Parse(job.HiredFreelancerKey!).Id;
        var terms = new EscrowTerms(
            job.ClientId,
            freelancerId,
            request.FreelancerAccountId ?? $"acct_{freelancerId}",
            request.Amount,
            request.Currency,
            escrow.FeeOn(request.Amount));
        return TypedResults.Created($"/api/jobs/{jobId}/contract", await grains.GetGrain<IEscrowGrain>(key).Create(terms));
    }

    private static async Task<Results<Ok<EscrowSnapshot>, NotFound>> Get(string jobId, Caller caller, IGrainFactory grains) =>
        await ContractAsync(jobId, caller, grains, JobAccess.IsParty) is { } contract && await contract.Get() is { } snapshot
            ? TypedResults.Ok(snapshot)
            : TypedResults.NotFound();

    /// <summary>
    /// Funds the contract only while its job goes ahead: money captured for a cancelled (or reopened) job would be held
    /// for work that does not happen. The job refuses a cancellation while its contract holds money, for the same reason.
    /// </summary>
    private static async Task<Results<Ok<EscrowSnapshot>, NotFound, ProblemHttpResult>> Fund(string jobId, FundingRequest request, Caller caller, IGrainFactory grains)
    {
        var key = caller.KeyOf(jobId);
        if (await JobAsync(key, caller, grains, JobAccess.Owns) is not { } job)
        {
            return TypedResults.NotFound();
        }

        return HiredStates.Contains(job.Status)
            ? TypedResults.Ok(await grains.GetGrain<IEscrowGrain>(key).Fund(request.PaymentMethodId))
            : NotHired(jobId, job, "The job is not going ahead", "a contract is funded only while its freelancer is hired");
    }

    private static Task<Results<Ok<EscrowSnapshot>, NotFound>> SubmitWork(string jobId, WorkRequest request, Caller caller, IGrainFactory grains) =>
        ActAsync(jobId, caller, grains, JobAccess.IsHired, contract => contract.SubmitWork(request.DeliverableId));

    private static Task<Results<Ok<EscrowSnapshot>, NotFound>> Approve(string jobId, Caller caller, IGrainFactory grains) =>
        ActAsync(jobId, caller, grains, JobAccess.Owns, contract => contract.Approve());

    private static Task<Results<Ok<EscrowSnapshot>, NotFound>> Release(string jobId, Caller caller, IGrainFactory grains) =>
        ActAsync(jobId, caller, grains, JobAccess.Owns, contract => contract.Release());

    private static Task<Results<Ok<EscrowSnapshot>, NotFound>> Refund(string jobId, Caller caller, IGrainFactory grains) =>
        ActAsync(jobId, caller, grains, JobAccess.Owns, contract => contract.Refund());

    private static Task<Results<Ok<EscrowSnapshot>, NotFound>> Dispute(string jobId, DisputeRequest request, Caller caller, IGrainFactory grains) =>
        ActAsync(jobId, caller, grains, JobAccess.IsParty, contract => contract.Dispute(request.ToDisputeReason()));

    private static ProblemHttpResult NotHired(string jobId, JobSnapshot job, string title, string rule) =>
        TypedResults.Problem(
            title: title,
            detail: $"Job '{jobId}' is {job.Status}; {rule}, so the job must be {string.Join(", ", HiredStates.SkipLast(1))} or {HiredStates[^1]}.",
            statusCode: StatusCodes.Status409Conflict);

    /// <summary>Runs <paramref name="action"/> on the job's contract when the caller may, as <paramref name="allowed"/> says.</summary>
    private static async Task<Results<Ok<EscrowSnapshot>, NotFound>> ActAsync(
        string jobId, Caller caller, IGrainFactory grains, Func<Caller, JobSnapshot, bool> allowed, Func<IEscrowGrain, Task<EscrowSnapshot>> action) =>
        await ContractAsync(jobId, caller, grains, allowed) is { } contract ? TypedResults.Ok(await action(contract)) : TypedResults.NotFound();

    /// <summary>The contract of the job, or null when there is no such job or the caller may not act on it.</summary>
    private static async Task<IEscrowGrain?> ContractAsync(string jobId, Caller caller, IGrainFactory grains, Func<Caller, JobSnapshot, bool> allowed)
    {
        var key = caller.KeyOf(jobId);
        return await JobAsync(key, caller, grains, allowed) is not null ? grains.GetGrain<IEscrowGrain>(key) : null;
    }

    /// <summary>The job of <paramref name="key"/>, or null when there is no such job or the caller may not act on it.</summary>
    private static async Task<JobSnapshot?> JobAsync(string key, Caller caller, IGrainFactory grains, Func<Caller, JobSnapshot, bool> allowed) =>
        await grains.GetGrain<IJobGrain>(key).Get() is { } job && allowed(caller, job) ? job : null;
}
