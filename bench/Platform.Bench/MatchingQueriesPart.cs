using Platform.PostgreSql.Matching;

namespace Platform.Bench;

/// <summary>
/// Filtered top-20 searches of the pgvector HNSW index (<see cref="PostgreSqlFreelancerMatchIndex"/>, the production
/// statement and settings) over the corpus the rig loaded (synthetic freelancers with 1,536-dimensional embeddings,
/// <see cref="MatchingWorkload"/>), the four selectivity classes of the matching scenario in turn, ramped. Recall is the
/// matching scenario's business; here only throughput, latency and the database CPU per query.
/// </summary>
internal static class MatchingQueriesPart
{
    public const string Name = "matching_queries";

    private const int QueriesPerClass = 50;

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var index = new PostgreSqlFreelancerMatchIndex(rig.DataSource, MatchingWorkload.Dimensions, new PostgreSqlMatchingOptions(), TimeProvider.System);
        // The classes interleaved, so that every step runs the same mix.
        var jobs = Enumerable.Range(0, QueriesPerClass)
            .SelectMany(i => MatchingWorkload.Selectivities.Select(selectivity => rig.Workload.Job(selectivity, i)))
            .ToArray();
        var next = -1;
        Func<int, Func<Task>> search = _ => async () =>
        {
            var (query, embedding) = jobs[(Interlocked.Increment(ref next) & int.MaxValue) % jobs.Length];
            await index.SearchAsync(query, embedding);
        };

        // The warm-up reads the index into the caches: steady state is what is measured.
        var (result, best, _) = await SaturationRamp.MeasureAsync(
            Name, sizes.QueryRamp, sizes, [rig.Postgres, CapacityRig.LoadGenerator, CpuProbe.Machine], search);
        result.Extra["corpus"] = sizes.Corpus;
        result.Extra["dimensions"] = MatchingWorkload.Dimensions;
        result.Extra["corpus_load_s"] = Math.Round(rig.CorpusLoadSeconds, 1);
        result.Extra["per_postgres_core_per_second"] = CapacityScenario.PerCore(best.PerSecond, best.CpuCores["postgres"]);
        return result;
    }
}
