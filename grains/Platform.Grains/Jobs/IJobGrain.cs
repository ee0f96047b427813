namespace Platform.Grains.Jobs;

/// <summary>
/// One job posting, keyed by job id. Every transition is written to storage before the call returns, so an
/// acknowledged transition survives deactivation (and, on a durable storage provider, silo restarts).
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Draft -> Open.</summary>
    /// <exception cref="ArgumentException">The draft is incomplete or inconsistent; the message names the field.</exception>
    /// <exception cref="InvalidOperationException">The job was already posted.</exception>
    Task<JobSnapshot> Post(JobDraft draft);

    /// <returns>The job, or null if it was never posted.</returns>
    [ReadOnly]
    Task<JobSnapshot?> Get();

    /// <summary>Open -> Assigned; records the job with the freelancer, who must have a profile and be available.</summary>
    Task<JobSnapshot> Assign(string freelancerId);

    /// <summary>Assigned -> Completed.</summary>
    Task<JobSnapshot> Complete();

    /// <summary>Open or Assigned -> Cancelled.</summary>
    Task<JobSnapshot> Cancel(string reason);
}
