namespace Platform.Grains.Jobs;

/// <summary>What a client submits to create or edit a job; <see cref="IJobGrain.SaveDraft"/> validates it.</summary>
/// <param name="ClientId">The client's user id in the job's tenant (without the tenant).</param>
/// <param name="RadiusKm">How far from the location a freelancer may be.</param>
/// <param name="Currency">ISO 4217 code of the wage window, e.g. "EUR".</param>
/// <remarks>Field ids 0-5 keep their meaning from the first version of the record.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobDraft")]
public sealed record JobDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] IReadOnlyList<string> RequiredSkills,
    [property: Id(6)] IReadOnlyList<string> RequiredCertifications,
    [property: Id(7)] DateTimeOffset ShiftStart,
    [property: Id(8)] DateTimeOffset ShiftEnd,
    [property: Id(9)] double Latitude,
    [property: Id(10)] double Longitude,
    [property: Id(11)] double RadiusKm,
    [property: Id(3)] decimal HourlyWageMin,
    [property: Id(4)] decimal HourlyWageMax,
    [property: Id(12)] string Currency,
    [property: Id(5)] string ClientId);
