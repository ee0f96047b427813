namespace Platform.Grains.Matching;

/// <summary>One ranked candidate: most similar first (<see cref="Similarity"/> is cosine similarity, 1 = identical).</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.matching.MatchCandidate")]
public sealed record MatchCandidate(
    [property: Id(0)] string FreelancerId,
    [property: Id(1)] double Similarity,
    [property: Id(2)] double DistanceKm,
    [property: Id(3)] decimal HourlyRate);
