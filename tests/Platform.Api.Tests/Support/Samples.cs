namespace Platform.Api.Tests.Support;

/// <summary>Request bodies as a front end sends them.</summary>
public static class Samples
{
    public static DateTimeOffset ShiftStart { get; } = DateTimeOffset.UtcNow.Date.AddDays(7).AddHours(9);

    public static object Profile(string displayName = "Bruno Baker") => new
    {
        displayName,
        headline = "Pastry chef for events",
        description = "Croissants, sourdough and plated desserts for weddings and conferences.",
        email = "bruno@example.com",
        skills = new[] { "baking", "pastry" },
        certifications = Array.Empty<string>(),
        hourlyRate = 30m,
        currency = "EUR",
        latitude = 52.37,
        longitude = 4.90,
        availability = new[] { new { start = ShiftStart.AddDays(-1), end = ShiftStart.AddDays(2) } },
    };

    public static object Job(string title = "Pastry chef for a wedding", bool publish = true) => new
    {
        title,
        description = "Plated desserts and a croissant breakfast for 120 guests; baking and pastry experience needed.",
        requiredSkills = new[] { "baking", "pastry" },
        requiredCertifications = Array.Empty<string>(),
        shiftStart = ShiftStart,
        shiftEnd = ShiftStart.AddHours(8),
        latitude = 52.36,
        longitude = 4.91,
        radiusKm = 25.0,
        hourlyWageMin = 25m,
        hourlyWageMax = 40m,
        currency = "EUR",
        publish,
    };
}
