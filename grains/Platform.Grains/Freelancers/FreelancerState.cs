namespace Platform.Grains.Freelancers;

/// <summary>
/// The stored form of a freelancer; immutable for the same reason as the job's state. Field ids are the stored format:
/// add new ids, never reuse one. After an erasure only <see cref="Tombstone"/> is set.
/// </summary>
[GenerateSerializer]
[Alias("platform.freelancers.FreelancerState")]
internal sealed record FreelancerState
{
    [Id(0)]
    public FreelancerProfile? Profile { get; init; }

    /// <summary>Jobs whose offer the freelancer accepted, in that order.</summary>
    [Id(1)]
    public IReadOnlyList<string> HiredJobKeys { get; init; } = [];

    /// <summary>Every job that may show the person (applied, candidate, hired): what an erasure must visit.</summary>
    [Id(2)]
    public IReadOnlyList<string> JobKeys { get; init; } = [];

    [Id(3)]
    public IReadOnlyList<JobRating> Ratings { get; init; } = [];

    [Id(4)]
    public FreelancerTombstone? Tombstone { get; init; }
}
