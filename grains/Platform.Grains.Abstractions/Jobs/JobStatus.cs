namespace Platform.Grains.Jobs;

/// <summary>Where a job is in its life: Draft -> Open -> Assigned -> Completed, or Cancelled from Open or Assigned.</summary>
/// <remarks>Stored as its number: append new states, never renumber.</remarks>
[GenerateSerializer]
[Alias("platform.jobs.JobStatus")]
public enum JobStatus
{
    /// <summary>Never posted: no record exists for the job id yet.</summary>
    Draft = 0,

    Open = 1,

    Assigned = 2,

    Completed = 3,

    Cancelled = 4,
}
