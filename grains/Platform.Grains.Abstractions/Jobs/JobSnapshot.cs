namespace Platform.Grains.Jobs;

/// <summary>A job as it stood when the call returned; a copy, so later changes to the job never show through it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobSnapshot")]
public sealed record JobSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] IReadOnlyList<string> RequiredSkills,
    [property: Id(5)] decimal HourlyWageMin,
    [property: Id(6)] decimal HourlyWageMax,
    [property: Id(7)] string ClientId,
    [property: Id(8)] string? AssignedFreelancerId,
    [property: Id(9)] string? CancellationReason,
    [property: Id(10)] DateTimeOffset? PostedAt,
    [property: Id(11)] DateTimeOffset? UpdatedAt);
