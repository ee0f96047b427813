using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Matching;

/// <summary>
/// Runs matching queries for one tenant (the key is the tenant id); a stateless worker, so every silo runs as many as
/// the load needs. A query of another tenant than the key is refused.
/// </summary>
[Alias("platform.matching.IMatchingGrain")]
public interface IMatchingGrain : IGrainWithStringKey
{
    /// <summary>The best candidates, most similar first, at most <see cref="MatchQuery.Limit"/>.</summary>
    /// <exception cref="ArgumentException">The query is malformed; the message names the field.</exception>
    [ReadOnly]
    [Idempotent]
    [Alias("FindCandidates")]
    Task<IReadOnlyList<MatchCandidate>> FindCandidates(MatchQuery query);
}
