namespace Platform.Grains.Jobs;

/// <summary>
/// The stored form of a job. Immutable so that a transition builds the next state beside the current one and only
/// replaces it once storage has accepted it. Field ids are the stored format: add new ids, never reuse one.
/// </summary>
[GenerateSerializer]
[Alias("platform.jobs.JobState")]
internal sealed record JobState
{
    [Id(0)]
    public JobStatus Status { get; init; } = JobStatus.Draft;

    [Id(1)]
    public string Title { get; init; } = string.Empty;

    [Id(2)]
    public string Description { get; init; } = string.Empty;

    [Id(3)]
    public IReadOnlyList<string> RequiredSkills { get; init; } = [];

    [Id(4)]
    public decimal HourlyWageMin { get; init; }

    [Id(5)]
    public decimal HourlyWageMax { get; init; }

    [Id(6)]
    public string ClientId { get; init; } = string.Empty;

    [Id(7)]
    public string? AssignedFreelancerId { get; init; }

    [Id(8)]
    public string? CancellationReason { get; init; }

    [Id(9)]
    public DateTimeOffset? PostedAt { get; init; }

    [Id(10)]
    public DateTimeOffset? UpdatedAt { get; init; }
}
