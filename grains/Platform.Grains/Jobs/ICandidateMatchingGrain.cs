namespace Platform.Grains.Jobs;

/// <summary>
/// The matching subscriber of one tenant (key: the tenant id). It has no methods: Orleans activates it for the tenant's
/// <see cref="JobCreated"/> stream through its implicit subscription.
/// </summary>
[Alias("platform.jobs.ICandidateMatchingGrain")]
internal interface ICandidateMatchingGrain : IGrainWithStringKey;
