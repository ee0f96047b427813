namespace Platform.Grains.Freelancers;

/// <summary>The stored form of a freelancer; immutable for the same reason as the job's state.</summary>
internal sealed record FreelancerState
{
    public FreelancerProfile? Profile { get; init; }

    public IReadOnlyList<string> AssignedJobIds { get; init; } = [];
}
