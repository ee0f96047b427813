using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Grains.Tests.Support;

/// <summary>Valid inputs that tests vary one field at a time; times are relative to the test clock.</summary>
public static class Samples
{
    public const string DisplayName = "Ada Lovelace";

    public const string Email = "ada.lovelace@example.org";

    public const string Headline = "Barista and latte artist";

    /// <summary>A shift two days ahead, eight hours long.</summary>
    public static JobDraft Draft(DateTimeOffset now) => new(
        Title: "Barista for the Saturday market",
        Description: "Espresso bar at the farmers' market.",
        RequiredSkills: ["Barista", "Latte art"],
        RequiredCertifications: [],
        ShiftStart: now.AddDays(2),
        ShiftEnd: now.AddDays(2).AddHours(8),
        Latitude: 52.52,
        Longitude: 13.405,
        RadiusKm: 25,
        HourlyWageMin: 15m,
        HourlyWageMax: 25m,
        Currency: "EUR",
        ClientId: "client-1");

    /// <summary>A freelancer near the sample job, cheap enough for it and available for the next thirty days.</summary>
    public static FreelancerProfileUpdate Profile(DateTimeOffset now) => new(
        DisplayName: DisplayName,
        Headline: Headline,
        Description: "Ten years behind espresso machines.",
        Email: Email,
        Skills: ["Barista", "Latte art"],
        Certifications: ["Food hygiene"],
        HourlyRate: 20m,
        Currency: "EUR",
        Latitude: 52.50,
        Longitude: 13.40,
        Availability: [new AvailabilityWindow(now, now.AddDays(30))]);
}
