namespace Platform.Grains.Jobs;

/// <summary>
/// Published on <see cref="Streams.PlatformStreams.JobsCreatedNamespace"/> (stream key: the tenant id) when a job goes
/// from Draft to Open; the matching subscriber turns it into a <see cref="Matching.MatchQuery"/> and records the ranked
/// candidates on the job. Carries what matching needs, so the subscriber does not call the job back to read it.
/// </summary>
/// <param name="Revision">The job's revision at publication: the same event re-published after a failure has the same one.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobCreated")]
public sealed record JobCreated(
    [property: Id(0)] string JobKey,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] IReadOnlyList<string> RequiredSkills,
    [property: Id(5)] IReadOnlyList<string> RequiredCertifications,
    [property: Id(6)] DateTimeOffset ShiftStart,
    [property: Id(7)] DateTimeOffset ShiftEnd,
    [property: Id(8)] double Latitude,
    [property: Id(9)] double Longitude,
    [property: Id(10)] double RadiusKm,
    [property: Id(11)] decimal HourlyWageMin,
    [property: Id(12)] decimal HourlyWageMax,
    [property: Id(13)] string Currency,
    [property: Id(14)] DateTimeOffset PublishedAt,
    [property: Id(15)] long Revision);
