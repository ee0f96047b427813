namespace Platform.Grains.Audit;

/// <summary>A freelancer's personal data was erased (GDPR art. 17): who asked, when and why, and what was touched.</summary>
/// <param name="FreelancerKey">The freelancer's key, kept as their pseudonym.</param>
/// <param name="RequestedBy">The id of whoever asked: the freelancer themselves or an operator.</param>
/// <param name="Reason">Why, as the requester gave it; checked to hold none of the erased data.</param>
/// <param name="JobsPseudonymized">The jobs whose application and candidate lists now show the pseudonym.</param>
/// <param name="MatchIndexRowRemoved">Whether the matching index still held a row for the freelancer.</param>
/// <remarks>Stored as JSON in the journal; also an Orleans record, so grains and clients can pass the audit trail around.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("platform.audit.FreelancerErased")]
public sealed record FreelancerErased(
    [property: Id(0)] string FreelancerKey,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset ErasedAt,
    [property: Id(4)] IReadOnlyList<string> JobsPseudonymized,
    [property: Id(5)] bool MatchIndexRowRemoved) : AuditEvent;
