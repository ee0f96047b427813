using System.Diagnostics;
using Npgsql;
using Pgvector.Npgsql;
using Platform.Grains.Matching;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;

namespace Platform.Bench;

/// <summary>
/// The pgvector matching index at scale: loads --count synthetic freelancers (<see cref="MatchingWorkload"/>) into a
/// fresh database, then runs filtered top-20 queries of four selectivity classes through the production index
/// (<see cref="PostgreSqlFreelancerMatchIndex"/>) with --concurrency clients. Every answer is compared with the exact
/// answer of the same statement with index scans switched off (recall@20), and the share of rows that pass each query's
/// filters is counted (its selectivity).
/// </summary>
internal static class MatchingScenario
{
    private const int Seed = 20_301;
    private const int QueriesPerClass = 100;
    private const int WarmUpQueriesPerClass = 20;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
        builder.UseVector();
        await using var dataSource = builder.Build();
        await new SchemaMigrator(dataSource).MigrateAsync();
        await new MatchingSchema(dataSource).EnsureAsync(MatchingWorkload.Dimensions);

        var workload = new MatchingWorkload(Seed);
        var (copySeconds, indexSeconds) = await MatchingLoader.LoadAsync(dataSource, workload, options.Count);
        var index = new PostgreSqlFreelancerMatchIndex(dataSource, MatchingWorkload.Dimensions, new PostgreSqlMatchingOptions(), TimeProvider.System);

        // The first queries read the index and the table from disk into the caches; steady state is what is measured.
        foreach (var selectivity in MatchingWorkload.Selectivities)
        {
            for (var i = 0; i < WarmUpQueriesPerClass; i++)
            {
                var (query, embedding) = workload.Job(selectivity, QueriesPerClass + i);
                await index.SearchAsync(query, embedding);
            }
        }

        var jobs = MatchingWorkload.Selectivities
            .SelectMany(selectivity => Enumerable.Range(0, QueriesPerClass).Select(i => (Selectivity: selectivity, Job: workload.Job(selectivity, i))))
            .ToArray();
        var answers = new (IReadOnlyList<MatchCandidate> Candidates, double Milliseconds)[jobs.Length];
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            int slot;
            while ((slot = Interlocked.Increment(ref next)) < jobs.Length)
            {
                var begin = Stopwatch.GetTimestamp();
                var candidates = await index.SearchAsync(jobs[slot].Job.Query, jobs[slot].Job.Embedding);
                answers[slot] = (candidates, Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var recalls = new double[jobs.Length];
        var selectivities = new double[jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            var (query, embedding) = jobs[i].Job;
            var (exact, matching) = await ExactAsync(dataSource, query, embedding);
            recalls[i] = RecallAt(answers[i].Candidates, exact);
            selectivities[i] = (double)matching / options.Count;
        }

        var latencies = answers.Select(answer => answer.Milliseconds).ToArray();
        var result = new BenchResult("matching", jobs.Length, seconds, Percentile(latencies, 0.50) * 1000, Percentile(latencies, 0.99) * 1000, options.Concurrency);
        result.Extra["p50_ms"] = Math.Round(Percentile(latencies, 0.50), 2);
        result.Extra["p95_ms"] = Math.Round(Percentile(latencies, 0.95), 2);
        result.Extra["recall_at_20"] = Math.Round(recalls.Average(), 4);
        result.Extra["ingest_per_sec"] = Math.Round(options.Count / (copySeconds + indexSeconds));
        result.Extra["freelancers"] = options.Count;
        result.Extra["copy_s"] = Math.Round(copySeconds, 1);
        result.Extra["index_build_s"] = Math.Round(indexSeconds, 1);
        foreach (var selectivity in MatchingWorkload.Selectivities)
        {
            var ofClass = Enumerable.Range(0, jobs.Length).Where(i => jobs[i].Selectivity == selectivity).ToArray();
            var classLatencies = ofClass.Select(i => latencies[i]).ToArray();
            result.Extra[$"selectivity_{selectivity}"] = Math.Round(ofClass.Average(i => selectivities[i]), 6);
            result.Extra[$"p50_ms_{selectivity}"] = Math.Round(Percentile(classLatencies, 0.50), 2);
            result.Extra[$"p95_ms_{selectivity}"] = Math.Round(Percentile(classLatencies, 0.95), 2);
            result.Extra[$"recall_at_20_{selectivity}"] = Math.Round(ofClass.Average(i => recalls[i]), 4);
        }

        return result;
    }

    /// <summary>
    /// The exact answer: the production statement with index scans off, so the planner cannot walk the HNSW index and
    /// sorts every row that passes the filters; and how many rows pass them.
    /// </summary>
    private static async Task<(List<double> Similarities, long Matching)> ExactAsync(NpgsqlDataSource dataSource, MatchQuery query, float[] embedding)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("SET LOCAL enable_indexscan = off", connection, transaction))
        {
            await off.ExecuteNonQueryAsync();
        }

        var similarities = new List<double>();
        await using (var search = new NpgsqlCommand(PostgreSqlFreelancerMatchIndex.SearchSql, connection, transaction))
        {
            PostgreSqlFreelancerMatchIndex.AddSearchParameters(search.Parameters, query, embedding);
            await using var reader = await search.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                similarities.Add(reader.GetDouble(1));
            }
        }

        await using var count = new NpgsqlCommand($"SELECT count(*) FROM matching_freelancers WHERE {PostgreSqlFreelancerMatchIndex.FilterSql}", connection, transaction);
        PostgreSqlFreelancerMatchIndex.AddSearchParameters(count.Parameters, query, embedding);
        var matching = (long)(await count.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        return (similarities, matching);
    }

    /// <summary>
    /// The share of the exact top-k that the answer found. Tie-aware: an answer row as similar as the exact k-th row counts
    /// as a hit even if the exact list chose another row of the same similarity.
    /// </summary>
    private static double RecallAt(IReadOnlyList<MatchCandidate> answer, List<double> exact)
    {
        if (exact.Count == 0)
        {
            return 1;
        }

        var threshold = exact[^1] - 1e-6;
        return Math.Min(exact.Count, answer.Count(candidate => candidate.Similarity >= threshold)) / (double)exact.Count;
    }

    private static double Percentile(double[] values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];
    }
}
