using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Freelancers;

/// <summary>One freelancer, keyed by freelancer id: their profile and the jobs assigned to them.</summary>
[Alias("platform.freelancers.IFreelancerGrain")]
public interface IFreelancerGrain : IGrainWithStringKey
{
    /// <summary>Replaces the profile (creating it on first use) and returns it as stored.</summary>
    /// <exception cref="ArgumentException">A field is missing or out of range; the message names it.</exception>
    [Alias("UpdateProfile")]
    Task<FreelancerProfile> UpdateProfile(FreelancerProfileUpdate update);

    /// <returns>The profile, or null if the freelancer never created one.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("GetProfile")]
    Task<FreelancerProfile?> GetProfile();

    /// <returns>Job ids in the order they were assigned.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("GetAssignedJobs")]
    Task<IReadOnlyList<string>> GetAssignedJobs();

    /// <summary>Records an assignment; called by the job grain. Recording the same job again changes nothing.</summary>
    /// <exception cref="InvalidOperationException">The freelancer has no profile or is not available.</exception>
    [Idempotent]
    [Alias("AddAssignedJob")]
    Task AddAssignedJob(string jobId);
}
