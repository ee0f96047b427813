using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Grains.Tests.Support;

/// <summary>Valid inputs that tests vary one field at a time.</summary>
public static class Samples
{
    public static JobDraft Draft() => new(
        Title: "Build a booking API",
        Description: "REST API for a small hotel.",
        RequiredSkills: ["C#", "PostgreSQL"],
        HourlyWageMin: 40m,
        HourlyWageMax: 60m,
        ClientId: "client-1");

    public static FreelancerProfileUpdate Profile(bool available = true) => new(
        DisplayName: "Ada Lovelace",
        Skills: ["C#", "PostgreSQL"],
        Certifications: ["AZ-204"],
        HourlyRate: 55m,
        Latitude: 52.52,
        Longitude: 13.405,
        IsAvailable: available);
}
