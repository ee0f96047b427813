namespace Platform.Runtime.Membership;

/// <summary>The membership table as read at one table version; writes must name that version.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries);
