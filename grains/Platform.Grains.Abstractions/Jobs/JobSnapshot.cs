namespace Platform.Grains.Jobs;

/// <summary>A job as it stood when the call returned; a copy, so later changes to the job never show through it.</summary>
/// <param name="JobKey">"tenant/id".</param>
/// <param name="ClientId">The client's user id in the job's tenant.</param>
/// <param name="HiredFreelancerKey">Who accepted the offer while the job is Filled or later; kept after an erasure (a financial reference, pseudonymous).</param>
/// <param name="Candidates">Matching's ranking, best first, recorded after publication.</param>
/// <param name="LastShiftCancellation">The latest shift cancellation, also when it re-opened the job.</param>
/// <param name="Revision">Counts the job's changes; 0 before its draft exists.</param>
/// <remarks>Field ids 0-11 keep their meaning from the first version of the record.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobSnapshot")]
public sealed record JobSnapshot(
    [property: Id(0)] string JobKey,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] IReadOnlyList<string> RequiredSkills,
    [property: Id(12)] IReadOnlyList<string> RequiredCertifications,
    [property: Id(13)] DateTimeOffset ShiftStart,
    [property: Id(14)] DateTimeOffset ShiftEnd,
    [property: Id(15)] double Latitude,
    [property: Id(16)] double Longitude,
    [property: Id(17)] double RadiusKm,
    [property: Id(5)] decimal HourlyWageMin,
    [property: Id(6)] decimal HourlyWageMax,
    [property: Id(18)] string Currency,
    [property: Id(7)] string ClientId,
    [property: Id(19)] IReadOnlyList<Applicant> Applicants,
    [property: Id(20)] IReadOnlyList<JobCandidate> Candidates,
    [property: Id(21)] IReadOnlyList<JobOffer> Offers,
    [property: Id(8)] string? HiredFreelancerKey,
    [property: Id(22)] ShiftCancellation? LastShiftCancellation,
    [property: Id(9)] string? CancellationReason,
    [property: Id(23)] DateTimeOffset? CreatedAt,
    [property: Id(10)] DateTimeOffset? PublishedAt,
    [property: Id(11)] DateTimeOffset? UpdatedAt,
    [property: Id(24)] long Revision);
