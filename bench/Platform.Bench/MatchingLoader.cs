using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Platform.Matching;
using Platform.PostgreSql.Matching;

namespace Platform.Bench;

/// <summary>
/// Bulk-loads the synthetic freelancers with binary COPY, the way a first import of an existing marketplace would: the
/// HNSW index is dropped, the rows are streamed, and the index is built once over all of them (far faster than
/// inserting into it row by row), with the production index definition.
/// </summary>
internal static class MatchingLoader
{
    private const int Batch = 2_000;

    private const string CopySql =
        "COPY matching_freelancers (tenant_id, freelancer_id, embedding, skills, certifications, hourly_rate, currency, latitude, longitude, "
        + "availability, updated_at) FROM STDIN (FORMAT BINARY)";

    /// <returns>Seconds spent streaming rows and building the index.</returns>
    public static async Task<(double CopySeconds, double IndexSeconds)> LoadAsync(NpgsqlDataSource dataSource, MatchingWorkload workload, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"DROP INDEX IF EXISTS {MatchingSchema.VectorIndex}");

        var copy = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(CopySql))
        {
            for (var first = 0; first < count; first += Batch)
            {
                // Both cores generate while the previous batch is being written.
                var rows = ParallelEnumerable.Range(first, Math.Min(Batch, count - first))
                    .AsOrdered()
                    .Select(index =>
                    {
                        var (document, embedding) = workload.Freelancer(index);
                        return MatchRow.From(document, embedding, MatchingWorkload.Dimensions);
                    })
                    .ToArray();
                foreach (var row in rows)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(row.TenantId, NpgsqlDbType.Text);
                    await writer.WriteAsync(row.FreelancerId, NpgsqlDbType.Text);
                    await writer.WriteAsync(new Vector(row.Embedding), "vector");
                    await writer.WriteAsync(row.Skills, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await writer.WriteAsync(row.Certifications, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await writer.WriteAsync(row.HourlyRate, NpgsqlDbType.Numeric);
                    await writer.WriteAsync(row.Currency, NpgsqlDbType.Text);
                    await writer.WriteAsync(row.Latitude, NpgsqlDbType.Double);
                    await writer.WriteAsync(row.Longitude, NpgsqlDbType.Double);
                    await writer.WriteAsync(
                        row.Availability.Select(window => new NpgsqlRange<DateTime>(window.Start.UtcDateTime, true, window.End.UtcDateTime, false)).ToArray(),
                        NpgsqlDbType.TimestampTzMultirange);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
            }

            await writer.CompleteAsync();
        }

        var copySeconds = copy.Elapsed.TotalSeconds;
        var build = Stopwatch.StartNew();

        // The graph of 100,000 vectors of 1,536 dimensions needs about 1 GB; with less, the build spills and takes minutes.
        await ExecuteAsync(connection, "SET maintenance_work_mem = '2GB'");
        await ExecuteAsync(connection, MatchingSchema.CreateVectorIndexSql);
        // Statistics for the planner, and hint bits and the visibility map set now rather than by the first queries (or an
        // autovacuum running beside them).
        await ExecuteAsync(connection, "VACUUM (ANALYZE) matching_freelancers");
        return (copySeconds, build.Elapsed.TotalSeconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
