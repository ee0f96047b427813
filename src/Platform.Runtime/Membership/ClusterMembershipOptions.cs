namespace Platform.Runtime.Membership;

/// <summary>
/// Timings of membership and failure detection. With the defaults a crashed silo is declared dead within 10 s: its
/// probers miss three 1 s probes and two of them vote (typically 4–5 s); a silo that nobody can probe is declared dead
/// once its heartbeat has not moved for 8 s. <see cref="Validate"/> names the first bad value precisely.
/// </summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>How often each silo probes each of its targets.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe may take before it counts as missed; at most <see cref="ProbePeriod"/>.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row after which the prober votes its target dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Fresh votes that declare a silo dead, capped at the number of other active silos so that a cluster of two still
    /// converges.
    /// </summary>
    public int VotesToDeclareDead { get; set; } = 2;

    /// <summary>Votes older than this no longer count; a prober renews its vote every probe period it still misses.</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each silo reads the table, publishes its view and checks whether it was declared dead.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo writes its heartbeat (IAmAliveTime).</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A silo whose heartbeat has not moved for this long, as one observer saw it over uninterrupted table reads, and
    /// that has not answered that observer's probes meanwhile, is declared dead by that observer alone.
    /// </summary>
    public TimeSpan IAmAliveTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How many others each silo probes: the next ones on the ring of active silos sorted by address.</summary>
    public int MaxProbedSilos { get; set; } = 10;

    public void Validate()
    {
        Require(ProbePeriod > TimeSpan.Zero, $"ProbePeriod ({ProbePeriod}) must be greater than zero");
        Require(ProbeTimeout > TimeSpan.Zero, $"ProbeTimeout ({ProbeTimeout}) must be greater than zero");
        Require(
            ProbeTimeout <= ProbePeriod,
            $"ProbeTimeout ({ProbeTimeout}) must not be longer than ProbePeriod ({ProbePeriod}): a probe must end before the next one starts");
        Require(MissedProbesLimit >= 1, $"MissedProbesLimit ({MissedProbesLimit}) must be at least 1");
        Require(VotesToDeclareDead >= 1, $"VotesToDeclareDead ({VotesToDeclareDead}) must be at least 1");
        Require(
            VoteExpiration > ProbePeriod + ProbeTimeout,
            $"VoteExpiration ({VoteExpiration}) must be longer than ProbePeriod + ProbeTimeout ({ProbePeriod + ProbeTimeout}): a vote must outlive the probe that renews it");
        Require(TableRefreshPeriod > TimeSpan.Zero, $"TableRefreshPeriod ({TableRefreshPeriod}) must be greater than zero");
        Require(IAmAlivePeriod > TimeSpan.Zero, $"IAmAlivePeriod ({IAmAlivePeriod}) must be greater than zero");
        Require(
            IAmAliveTimeout > IAmAlivePeriod + TableRefreshPeriod,
            $"IAmAliveTimeout ({IAmAliveTimeout}) must be longer than IAmAlivePeriod + TableRefreshPeriod ({IAmAlivePeriod + TableRefreshPeriod}): a live silo's heartbeat can look unchanged for that long");
        Require(MaxProbedSilos >= 1, $"MaxProbedSilos ({MaxProbedSilos}) must be at least 1");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message + ".");
        }
    }
}
