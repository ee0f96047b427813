namespace Platform.Grains.Audit;

/// <summary>A freelancer's personal data was erased (GDPR art. 17): who asked, when and why, and what was touched.</summary>
/// <param name="FreelancerKey">The freelancer's key, kept as their pseudonym.</param>
/// <param name="RequestedBy">The id of whoever asked: the freelancer themselves or an operator.</param>
/// <param name="Reason">Why, as the requester gave it; checked to hold none of the erased data.</param>
/// <param name="JobsPseudonymized">The jobs whose application and candidate lists now show the pseudonym.</param>
/// <param name="MatchIndexRowRemoved">Whether the matching index still held a row for the freelancer.</param>
public sealed record FreelancerErased(
    string FreelancerKey,
    string RequestedBy,
    string Reason,
    DateTimeOffset ErasedAt,
    IReadOnlyList<string> JobsPseudonymized,
    bool MatchIndexRowRemoved) : AuditEvent;
