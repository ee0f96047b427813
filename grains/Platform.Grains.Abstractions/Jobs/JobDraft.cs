namespace Platform.Grains.Jobs;

/// <summary>What a client submits to post a job; <see cref="IJobGrain.Post"/> validates it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobDraft")]
public sealed record JobDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] IReadOnlyList<string> RequiredSkills,
    [property: Id(3)] decimal HourlyWageMin,
    [property: Id(4)] decimal HourlyWageMax,
    [property: Id(5)] string ClientId);
