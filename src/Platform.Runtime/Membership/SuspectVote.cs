namespace Platform.Runtime.Membership;

/// <summary>One silo's vote that another has stopped answering probes, with when it voted.</summary>
public sealed record SuspectVote(SiloAddress Voter, DateTimeOffset Time);
