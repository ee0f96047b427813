namespace Platform.Grains.Jobs;

/// <summary>
/// An application as the job keeps it for its client. After the applicant's erasure only the pseudonymous key and the
/// date remain: <see cref="DisplayName"/> reads <see cref="ErasedDisplayName"/>, headline and note are empty.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.Applicant")]
public sealed record Applicant(
    [property: Id(0)] string FreelancerKey,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Headline,
    [property: Id(3)] string CoverNote,
    [property: Id(4)] DateTimeOffset AppliedAt,
    [property: Id(5)] bool Erased)
{
    public const string ErasedDisplayName = "Erased freelancer";
}
