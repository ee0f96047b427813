namespace Platform.Grains.Jobs;

/// <summary>
/// Where a job is in its life: Draft -> Open -> Filled -> InProgress -> Completed, or Cancelled from any state before
/// Completed; Filled goes back to Open when the hired freelancer cancels before the shift (docs/domain.md).
/// </summary>
/// <remarks>Stored as its number: append new states, never renumber (Filled was called Assigned).</remarks>
[GenerateSerializer]
[Alias("platform.jobs.JobStatus")]
public enum JobStatus
{
    /// <summary>Saved by the client, not yet visible to freelancers.</summary>
    Draft = 0,

    /// <summary>Published: freelancers apply, matching lists candidates, the client makes offers.</summary>
    Open = 1,

    /// <summary>A freelancer accepted an offer.</summary>
    Filled = 2,

    Completed = 3,

    Cancelled = 4,

    /// <summary>The shift has started.</summary>
    InProgress = 5,
}
