namespace Platform.Grains.Freelancers;

/// <summary>The whole profile as the freelancer submits it; <see cref="IFreelancerGrain.UpdateProfile"/> validates it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.FreelancerProfileUpdate")]
public sealed record FreelancerProfileUpdate(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] IReadOnlyList<string> Skills,
    [property: Id(2)] IReadOnlyList<string> Certifications,
    [property: Id(3)] decimal HourlyRate,
    [property: Id(4)] double Latitude,
    [property: Id(5)] double Longitude,
    [property: Id(6)] bool IsAvailable);
