using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Platform.Grains.Freelancers;
using Platform.Grains.Matching;
using Platform.Grains.Streams;
using Platform.Grains.Tenancy;

namespace Platform.Grains.Jobs;

/// <summary>
/// Turns each published job of its tenant into a matching query and records the ranked candidates on the job. Each
/// candidate's freelancer grain is told first (<see cref="IFreelancerGrain.NoteCandidacy"/>) so that an erasure finds
/// the job; one that refuses (erased, no profile) is dropped.
/// </summary>
[GrainType("candidate-matching")]
[ImplicitStreamSubscription(PlatformStreams.JobsCreatedNamespace)]
internal sealed class CandidateMatchingGrain(ILogger<CandidateMatchingGrain> logger) : Grain, ICandidateMatchingGrain
{
    /// <summary>How many candidates a job gets.</summary>
    public const int CandidateLimit = 20;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tenantId = TenantKey.CheckTenantId(this.GetPrimaryKeyString());
        await PlatformStreamProvider.Of(this).JobsCreated(tenantId).SubscribeAsync((created, _) => OnJobCreated(tenantId, created));
    }

    private async Task OnJobCreated(string tenantId, JobCreated created)
    {
        var jobKey = TenantKey.Parse(created.JobKey);
        if (jobKey.TenantId != tenantId)
        {
            GrainLog.ForeignJobIgnored(logger, created.JobKey, tenantId);
            return;
        }

        var query = new MatchQuery(
            tenantId,
            $"{created.Title}\n{created.Description}\nSkills: {string.Join(", ", created.RequiredSkills)}",
            created.RequiredSkills,
            created.RequiredCertifications,
            created.Latitude,
            created.Longitude,
            created.RadiusKm,
            created.HourlyWageMin,
            created.HourlyWageMax,
            created.Currency,
            created.ShiftStart,
            created.ShiftEnd,
            CandidateLimit);
        var candidates = await GrainFactory.GetGrain<IMatchingGrain>(tenantId).FindCandidates(query);
        var noted = await Task.WhenAll(candidates.Select(async candidate =>
            (Candidate: candidate, Noted: await GrainFactory.GetGrain<IFreelancerGrain>(TenantKey.Create(tenantId, candidate.FreelancerId).ToString())
                .NoteCandidacy(created.JobKey))));
        try
        {
            await GrainFactory.GetGrain<IJobGrain>(created.JobKey)
                .RecordCandidates(noted.Where(entry => entry.Noted).Select(entry => entry.Candidate).ToArray());
        }
        catch (IllegalJobTransitionException)
        {
            // Cancelled or filled while matching ran: the ranking is of no use any more, and retrying cannot help.
            GrainLog.CandidatesTooLate(logger, created.JobKey);
        }
    }
}
