namespace Platform.Grains.Freelancers;

/// <summary>A freelancer's profile as stored, after validation and clean-up of the submitted update.</summary>
public sealed record FreelancerProfile(
    string FreelancerId,
    string DisplayName,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Certifications,
    decimal HourlyRate,
    double Latitude,
    double Longitude,
    bool IsAvailable,
    DateTimeOffset UpdatedAt);
