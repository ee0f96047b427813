namespace Platform.Grains.Jobs;

/// <summary>What a client submits to post a job; <see cref="IJobGrain.Post"/> validates it.</summary>
public sealed record JobDraft(
    string Title,
    string Description,
    IReadOnlyList<string> RequiredSkills,
    decimal HourlyWageMin,
    decimal HourlyWageMax,
    string ClientId);
