namespace Platform.PostgreSql.Matching;

/// <summary>
/// How the PostgreSQL index searches (<c>Matching:PostgreSql:*</c>; docs/matching.md gives the measured effect of each).
/// The defaults are the values the <c>matching</c> benchmark tuned at 100,000 freelancers.
/// </summary>
public sealed class PostgreSqlMatchingOptions
{
    /// <summary><c>hnsw.ef_search</c>: candidates the HNSW walk keeps per step; higher is slower and more accurate.</summary>
    public int EfSearch { get; set; } = 40;

    /// <summary>
    /// <c>hnsw.max_scan_tuples</c>: how many index tuples an iterative scan may visit before it gives up looking for rows
    /// that pass the filters.
    /// </summary>
    public int MaxScanTuples { get; set; } = 2_000;

    /// <summary>
    /// The matching pool's connections at most (its <c>Maximum Pool Size</c>, whatever the connection string says): a
    /// query holds one for a few milliseconds, and a pool apart from the platform's keeps a burst of queries from taking
    /// the connections grain state and membership need.
    /// </summary>
    public int MaxConnections { get; set; } = 16;
}
