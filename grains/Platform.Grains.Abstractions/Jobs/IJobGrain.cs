using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Jobs;

/// <summary>
/// One job posting, keyed by job id. Every transition is written to storage before the call returns, so an
/// acknowledged transition survives deactivation (and, on PostgreSQL, silo restarts).
/// </summary>
/// <remarks>The aliases keep stored references and in-flight calls valid when the interface or a method is renamed.</remarks>
[Alias("platform.jobs.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Draft -> Open.</summary>
    /// <exception cref="ArgumentException">The draft is incomplete or inconsistent; the message names the field.</exception>
    /// <exception cref="InvalidOperationException">The job was already posted.</exception>
    [Alias("Post")]
    Task<JobSnapshot> Post(JobDraft draft);

    /// <returns>The job, or null if it was never posted.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("Get")]
    Task<JobSnapshot?> Get();

    /// <summary>Open -> Assigned; records the job with the freelancer, who must have a profile and be available.</summary>
    [Alias("Assign")]
    Task<JobSnapshot> Assign(string freelancerId);

    /// <summary>Assigned -> Completed.</summary>
    [Alias("Complete")]
    Task<JobSnapshot> Complete();

    /// <summary>Open or Assigned -> Cancelled.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot> Cancel(string reason);
}
