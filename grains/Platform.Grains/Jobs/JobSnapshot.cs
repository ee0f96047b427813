namespace Platform.Grains.Jobs;

/// <summary>A job as it stood when the call returned; a copy, so later changes to the job never show through it.</summary>
public sealed record JobSnapshot(
    string JobId,
    JobStatus Status,
    string Title,
    string Description,
    IReadOnlyList<string> RequiredSkills,
    decimal HourlyWageMin,
    decimal HourlyWageMax,
    string ClientId,
    string? AssignedFreelancerId,
    string? CancellationReason,
    DateTimeOffset? PostedAt,
    DateTimeOffset? UpdatedAt);
