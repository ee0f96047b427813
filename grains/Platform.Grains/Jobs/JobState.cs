namespace Platform.Grains.Jobs;

/// <summary>
/// The stored form of a job. Immutable so that a transition builds the next state beside the current one and only
/// replaces it once storage has accepted it.
/// </summary>
internal sealed record JobState
{
    public JobStatus Status { get; init; } = JobStatus.Draft;

    public string Title { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public IReadOnlyList<string> RequiredSkills { get; init; } = [];

    public decimal HourlyWageMin { get; init; }

    public decimal HourlyWageMax { get; init; }

    public string ClientId { get; init; } = string.Empty;

    public string? AssignedFreelancerId { get; init; }

    public string? CancellationReason { get; init; }

    public DateTimeOffset? PostedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
