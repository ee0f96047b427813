namespace Platform.Grains.Jobs;

/// <summary>A freelancer's application as their grain sends it to the job (<see cref="Freelancers.IFreelancerGrain.Apply"/>).</summary>
/// <param name="FreelancerKey">"tenant/id" of the applicant; must be the job's tenant.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.JobApplication")]
public sealed record JobApplication(
    [property: Id(0)] string FreelancerKey,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Headline,
    [property: Id(3)] string CoverNote);
