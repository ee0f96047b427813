namespace Platform.Grains.Freelancers;

/// <summary>The whole profile as the freelancer submits it; <see cref="IFreelancerGrain.UpdateProfile"/> validates it.</summary>
/// <param name="Certifications">What the freelancer claims; each counts for matching once verified (<see cref="IFreelancerGrain.VerifyCertification"/>).</param>
/// <param name="Currency">ISO 4217 code of <paramref name="HourlyRate"/>, e.g. "EUR".</param>
/// <param name="Availability">When the freelancer can work; windows may not overlap.</param>
/// <remarks>Field ids 0-5 keep their meaning from the first version of the record; id 6 (IsAvailable) is retired.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.FreelancerProfileUpdate")]
public sealed record FreelancerProfileUpdate(
    [property: Id(0)] string DisplayName,
    [property: Id(7)] string Headline,
    [property: Id(8)] string Description,
    [property: Id(9)] string Email,
    [property: Id(1)] IReadOnlyList<string> Skills,
    [property: Id(2)] IReadOnlyList<string> Certifications,
    [property: Id(3)] decimal HourlyRate,
    [property: Id(10)] string Currency,
    [property: Id(4)] double Latitude,
    [property: Id(5)] double Longitude,
    [property: Id(11)] IReadOnlyList<AvailabilityWindow> Availability);
