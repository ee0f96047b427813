namespace Platform.Grains.Matching;

/// <summary>
/// A job's request for candidates: the text that is embedded and compared by cosine similarity, and the hard filters
/// every candidate must pass (all required skills and certifications, within the radius, rate inside the wage window
/// in the same currency, one availability window covering the whole shift).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.matching.MatchQuery")]
public sealed record MatchQuery(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string JobText,
    [property: Id(2)] IReadOnlyList<string> RequiredSkills,
    [property: Id(3)] IReadOnlyList<string> RequiredCertifications,
    [property: Id(4)] double Latitude,
    [property: Id(5)] double Longitude,
    [property: Id(6)] double RadiusKm,
    [property: Id(7)] decimal WageMin,
    [property: Id(8)] decimal WageMax,
    [property: Id(9)] string Currency,
    [property: Id(10)] DateTimeOffset ShiftStart,
    [property: Id(11)] DateTimeOffset ShiftEnd,
    [property: Id(12)] int Limit);
