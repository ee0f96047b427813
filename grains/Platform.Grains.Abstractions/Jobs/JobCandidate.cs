namespace Platform.Grains.Jobs;

/// <summary>
/// One freelancer that matching ranked for the job, best first (<see cref="Rank"/> 1). After the freelancer's erasure
/// only the pseudonymous key, rank and similarity remain: distance (it locates the person) and rate are cleared.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobCandidate")]
public sealed record JobCandidate(
    [property: Id(0)] string FreelancerKey,
    [property: Id(1)] int Rank,
    [property: Id(2)] double Similarity,
    [property: Id(3)] double? DistanceKm,
    [property: Id(4)] decimal? HourlyRate,
    [property: Id(5)] bool Erased);
