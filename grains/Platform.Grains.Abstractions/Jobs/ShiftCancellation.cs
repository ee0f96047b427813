namespace Platform.Grains.Jobs;

/// <summary>A cancellation of a filled job's shift (<see cref="IJobGrain.CancelShift"/>).</summary>
/// <param name="FreelancerKey">With <see cref="ShiftParty.Freelancer"/>: the hired freelancer's key; ignored for the client.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.jobs.ShiftCancellation")]
public sealed record ShiftCancellation(
    [property: Id(0)] ShiftParty CancelledBy,
    [property: Id(1)] string? FreelancerKey,
    [property: Id(2)] string Reason);
