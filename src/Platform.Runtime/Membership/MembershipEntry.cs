namespace Platform.Runtime.Membership;

/// <summary>One silo incarnation's row in the membership table.</summary>
public sealed record MembershipEntry(
    SiloAddress Silo,
    string Zone,
    SiloStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<SuspectVote> SuspectVotes);
