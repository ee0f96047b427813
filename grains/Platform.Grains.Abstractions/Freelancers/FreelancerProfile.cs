namespace Platform.Grains.Freelancers;

/// <summary>A freelancer's profile as stored, after validation and clean-up of the submitted update.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.FreelancerProfile")]
public sealed record FreelancerProfile(
    [property: Id(0)] string FreelancerId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlyList<string> Skills,
    [property: Id(3)] IReadOnlyList<string> Certifications,
    [property: Id(4)] decimal HourlyRate,
    [property: Id(5)] double Latitude,
    [property: Id(6)] double Longitude,
    [property: Id(7)] bool IsAvailable,
    [property: Id(8)] DateTimeOffset UpdatedAt);
