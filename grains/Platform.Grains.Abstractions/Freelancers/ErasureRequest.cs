namespace Platform.Grains.Freelancers;

/// <summary>A request to erase a freelancer's personal data (GDPR art. 17).</summary>
/// <param name="RequestedBy">The id of whoever asks (the freelancer's own id or an operator's), in the freelancer's tenant.</param>
/// <param name="Reason">Why; goes into the audit trail, so it must not repeat the data being erased.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.ErasureRequest")]
public sealed record ErasureRequest(
    [property: Id(0)] string RequestedBy,
    [property: Id(1)] string Reason);
