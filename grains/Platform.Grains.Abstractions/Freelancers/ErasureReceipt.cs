namespace Platform.Grains.Freelancers;

/// <summary>What an erasure did; the same receipt comes back from every later <see cref="IFreelancerGrain.Erase"/>.</summary>
/// <param name="FreelancerKey">The freelancer's key, kept as their pseudonym.</param>
/// <param name="JobsPseudonymized">Jobs whose application and candidate lists now show the pseudonym instead of the person.</param>
/// <param name="AuditStreamId">The event-journal stream holding the <c>audit.freelancer-erased</c> event.</param>
/// <param name="AuditVersion">That event's version in its stream.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.ErasureReceipt")]
public sealed record ErasureReceipt(
    [property: Id(0)] string FreelancerKey,
    [property: Id(1)] DateTimeOffset ErasedAt,
    [property: Id(2)] IReadOnlyList<string> JobsPseudonymized,
    [property: Id(3)] bool MatchIndexRowRemoved,
    [property: Id(4)] string AuditStreamId,
    [property: Id(5)] long AuditVersion);
