namespace Platform.Runtime.Membership;

/// <summary>
/// One prober's vote against a silo it can no longer reach, decided on one table snapshot: the voter's vote is added
/// or renewed, expired votes are dropped, and if the fresh votes reach min(<see cref="ClusterMembershipOptions.VotesToDeclareDead"/>,
/// active silos other than the suspect) the same write declares the suspect dead.
/// </summary>
internal sealed record SuspicionVote(MembershipEntry Row, int Votes, int Required)
{
    public bool DeclaresDead => Row.Status == SiloStatus.Dead;

    /// <returns>Null when there is nothing to vote on: the suspect is gone or already dead, or the voter is not active.</returns>
    public static SuspicionVote? Decide(MembershipSnapshot snapshot, SiloAddress suspect, SiloAddress voter, DateTimeOffset now, ClusterMembershipOptions options)
    {
        var row = snapshot.Entries.FirstOrDefault(entry => entry.Silo == suspect);
        var voterIsActive = snapshot.Entries.Any(entry => entry.Silo == voter && entry.Status == SiloStatus.Active);
        if (row is null || row.Status == SiloStatus.Dead || !voterIsActive || suspect == voter)
        {
            return null;
        }

        var votes = row.SuspectVotes
            .Where(vote => vote.Voter != voter && vote.Voter != suspect && now - vote.Time < options.VoteExpiration)
            .Append(new SuspectVote(voter, now))
            .ToList();
        var othersActive = snapshot.Entries.Count(entry => entry.Status == SiloStatus.Active && entry.Silo != suspect);
        var required = Math.Min(options.VotesToDeclareDead, othersActive);
        var status = votes.Count >= required ? SiloStatus.Dead : row.Status;
        return new SuspicionVote(row with { Status = status, SuspectVotes = votes }, votes.Count, required);
    }
}
