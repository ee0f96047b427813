using Platform.Grains.Notifications;

namespace Platform.Grains.Jobs;

/// <summary>
/// The stored form of a job. Immutable so that a change builds the next state beside the current one and only
/// replaces it once storage has accepted it. Field ids are the stored format: add new ids, never reuse one (ids 0-10
/// date from the first version: 7 was the assigned freelancer, 9 the posting time).
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
    public string? HiredFreelancerKey { get; init; }

    [Id(8)]
    public string? CancellationReason { get; init; }

    [Id(9)]
    public DateTimeOffset? PublishedAt { get; init; }

    [Id(10)]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Id(11)]
    public IReadOnlyList<string> RequiredCertifications { get; init; } = [];

    [Id(12)]
    public DateTimeOffset ShiftStart { get; init; }

    [Id(13)]
    public DateTimeOffset ShiftEnd { get; init; }

    [Id(14)]
    public double Latitude { get; init; }

    [Id(15)]
    public double Longitude { get; init; }

    [Id(16)]
    public double RadiusKm { get; init; }

    [Id(17)]
    public string Currency { get; init; } = string.Empty;

    [Id(18)]
    public IReadOnlyList<Applicant> Applicants { get; init; } = [];

    [Id(19)]
    public IReadOnlyList<JobCandidate> Candidates { get; init; } = [];

    [Id(20)]
    public IReadOnlyList<JobOffer> Offers { get; init; } = [];

    [Id(21)]
    public ShiftCancellation? LastShiftCancellation { get; init; }

    /// <summary>Null until the draft is first saved: a job without it does not exist.</summary>
    [Id(22)]
    public DateTimeOffset? CreatedAt { get; init; }

    [Id(23)]
    public long Revision { get; init; }

    /// <summary>Freelancers erased since they appeared here: never listed again (pseudonymous keys).</summary>
    [Id(24)]
    public IReadOnlyList<string> ErasedFreelancerKeys { get; init; } = [];

    /// <summary>
    /// Notifications written with the change that caused them and published after the write, so that a failure between
    /// the two loses none; cleared once published (docs/domain.md, "Notifications").
    /// </summary>
    [Id(25)]
    public IReadOnlyList<Notification> Outbox { get; init; } = [];

    /// <summary>The <see cref="JobCreated"/> event of the publication, until it is on the stream; outbox like <see cref="Outbox"/>.</summary>
    [Id(26)]
    public JobCreated? PendingJobCreated { get; init; }

    /// <summary>
    /// Published and no ranking recorded since: the job's matching reminder publishes <see cref="JobCreated"/> again until
    /// one is (or the job leaves Open, or its shift starts).
    /// </summary>
    [Id(27)]
    public bool AwaitingCandidates { get; init; }

    public bool Exists => CreatedAt is not null;
}
