namespace Platform.Grains.Jobs;

/// <summary>An offer the client made to an applicant or candidate: the wage is a financial reference and survives erasure.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobOffer")]
public sealed record JobOffer(
    [property: Id(0)] string FreelancerKey,
    [property: Id(1)] decimal HourlyWage,
    [property: Id(2)] DateTimeOffset OfferedAt);
