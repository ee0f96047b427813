namespace Platform.Grains.Jobs;

/// <summary>Where a job is in its life: Draft -> Open -> Assigned -> Completed, or Cancelled from Open or Assigned.</summary>
public enum JobStatus
{
    /// <summary>Never posted: no record exists for the job id yet.</summary>
    Draft,

    Open,

    Assigned,

    Completed,

    Cancelled,
}
