namespace Platform.Grains.Freelancers;

/// <summary>A freelancer's profile as stored, after validation and clean-up of the submitted update.</summary>
/// <param name="FreelancerId">The freelancer's key, "tenant/id".</param>
/// <param name="Certifications">Claimed certifications, as submitted.</param>
/// <param name="VerifiedCertifications">The claimed certifications the platform verified; only these count for matching.</param>
/// <param name="Availability">Sorted by start; no two overlap.</param>
/// <param name="RatingAverage">Mean of the ratings from completed jobs, or null before the first.</param>
/// <remarks>Field ids 0-6 and 8 keep their meaning from the first version of the record; id 7 (IsAvailable) is retired.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.FreelancerProfile")]
public sealed record FreelancerProfile(
    [property: Id(0)] string FreelancerId,
    [property: Id(1)] string DisplayName,
    [property: Id(9)] string Headline,
    [property: Id(10)] string Description,
    [property: Id(11)] string Email,
    [property: Id(2)] IReadOnlyList<string> Skills,
    [property: Id(3)] IReadOnlyList<string> Certifications,
    [property: Id(14)] IReadOnlyList<string> VerifiedCertifications,
    [property: Id(4)] decimal HourlyRate,
    [property: Id(12)] string Currency,
    [property: Id(5)] double Latitude,
    [property: Id(6)] double Longitude,
    [property: Id(13)] IReadOnlyList<AvailabilityWindow> Availability,
    [property: Id(15)] int RatingCount,
    [property: Id(16)] double? RatingAverage,
    [property: Id(8)] DateTimeOffset UpdatedAt);
