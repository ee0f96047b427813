using Platform.Grains.Freelancers;
using Platform.Grains.Matching;

namespace Platform.Matching.Tests.Support;

/// <summary>Valid documents and queries that tests vary one field at a time, around Berlin on one Monday shift.</summary>
public static class MatchSamples
{
    public const int Dimensions = 32;

    public const double BerlinLatitude = 52.52;
    public const double BerlinLongitude = 13.405;

    public static readonly DateTimeOffset ShiftStart = new(2030, 3, 4, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ShiftEnd = new(2030, 3, 4, 17, 0, 0, TimeSpan.Zero);

    /// <summary>A tenant id no other test uses.</summary>
    public static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    public static FreelancerMatchDocument Document(string tenantId, string freelancerId) => new(
        tenantId,
        freelancerId,
        "Electrician for solar installations",
        ["Electrician", "Solar"],
        ["VDE"],
        HourlyRate: 45m,
        Currency: "EUR",
        Latitude: BerlinLatitude + 0.05,
        Longitude: BerlinLongitude,
        Availability: [new AvailabilityWindow(ShiftStart.AddHours(-1), ShiftEnd.AddHours(1))]);

    public static MatchQuery Query(string tenantId, int limit = 10) => new(
        tenantId,
        "Electrician for a solar roof",
        ["electrician", "solar"],
        ["vde"],
        BerlinLatitude,
        BerlinLongitude,
        RadiusKm: 50,
        WageMin: 30m,
        WageMax: 60m,
        Currency: "EUR",
        ShiftStart,
        ShiftEnd,
        limit);

    /// <summary>A vector of <see cref="Dimensions"/> components starting with <paramref name="head"/>, the rest zero.</summary>
    public static float[] Vector(params float[] head)
    {
        var vector = new float[Dimensions];
        head.CopyTo(vector, 0);
        return vector;
    }

    /// <summary>A vector at angle <paramref name="degrees"/> from <see cref="Vector"/>(1): cosine similarity cos(degrees).</summary>
    public static float[] AtAngle(double degrees) =>
        Vector((float)Math.Cos(double.DegreesToRadians(degrees)), (float)Math.Sin(double.DegreesToRadians(degrees)));
}
