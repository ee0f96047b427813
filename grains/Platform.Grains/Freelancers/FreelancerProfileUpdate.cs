namespace Platform.Grains.Freelancers;

/// <summary>The whole profile as the freelancer submits it; <see cref="IFreelancerGrain.UpdateProfile"/> validates it.</summary>
public sealed record FreelancerProfileUpdate(
    string DisplayName,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Certifications,
    decimal HourlyRate,
    double Latitude,
    double Longitude,
    bool IsAvailable);
