namespace Platform.Grains.Jobs;

/// <summary>What can be done to a job; each is allowed only in some <see cref="JobStatus"/>es (docs/domain.md).</summary>
[GenerateSerializer]
[Alias("platform.jobs.JobAction")]
public enum JobAction
{
    SaveDraft = 0,
    Publish = 1,
    Apply = 2,
    RecordCandidates = 3,
    MakeOffer = 4,
    AcceptOffer = 5,
    Start = 6,
    Complete = 7,
    Cancel = 8,
    CancelShift = 9,
}
