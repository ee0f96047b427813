namespace Platform.Grains.Freelancers;

/// <summary>The rating a completed job gave the freelancer; one per job.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.JobRating")]
internal sealed record JobRating(
    [property: Id(0)] string JobKey,
    [property: Id(1)] int Stars,
    [property: Id(2)] DateTimeOffset RatedAt);
