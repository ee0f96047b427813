namespace Platform.Grains.Freelancers;

/// <summary>The stored form of a freelancer; immutable for the same reason as the job's state.</summary>
[GenerateSerializer]
[Alias("platform.freelancers.FreelancerState")]
internal sealed record FreelancerState
{
    [Id(0)]
    public FreelancerProfile? Profile { get; init; }

    [Id(1)]
    public IReadOnlyList<string> AssignedJobIds { get; init; } = [];
}
