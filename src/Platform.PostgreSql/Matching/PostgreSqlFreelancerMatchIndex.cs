using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Platform.Grains.Matching;
using Platform.Matching;

namespace Platform.PostgreSql.Matching;

/// <summary>
/// The candidate index on pgvector: table <c>matching_freelancers</c> (migration 0007, <see cref="MatchingSchema"/>).
/// A search is one statement with every hard filter, ordered by cosine distance to the query embedding; the planner
/// either walks the HNSW index with an iterative scan (loose filters) or scans the rows the filters leave and sorts them
/// exactly (selective filters). How the two were tuned: decision 0006 and docs/matching.md.
/// </summary>
internal sealed class PostgreSqlFreelancerMatchIndex : IFreelancerMatchIndex
{
    // GreatCircle's formula and radius (6371.0088 km), so both indexes agree on who is inside a radius.
    private const string Haversine =
        "2 * 6371.0088 * asin(sqrt(least(1, power(sin(radians(latitude - $10) / 2), 2) "
        + "+ cos(radians($10)) * cos(radians(latitude)) * power(sin(radians(longitude - $11) / 2), 2))))";

    /// <summary>Every hard filter, over the parameters of <see cref="AddSearchParameters"/> ($2-$16).</summary>
    internal const string FilterSql = $"""
        tenant_id = $2
          AND skills @> $3 AND certifications @> $4
          AND currency = $5 AND hourly_rate BETWEEN $6 AND $7
          AND availability @> tstzrange($8, $9, '[)')
          AND latitude BETWEEN $12 AND $13 AND longitude BETWEEN $14 AND $15
          AND {Haversine} <= $16
        """;

    // relaxed: what the planner finds cheapest. With loose filters that is a walk of the HNSW index in distance order
    // (iterative, so it goes on past ef_search until enough rows pass the filters); with relaxed_order its rows come
    // back only roughly sorted, so the outer query sorts them exactly. With selective filters the planner scans the rows
    // the filters leave (GIN, GiST, primary key) and sorts them: exact.
    // exact: runs only when relaxed found fewer than k rows, which an index walk does when it gives up at
    // hnsw.max_scan_tuples; its order expression is not the index's, so it is always the exact sort of every row that
    // passes, and a query never misses rows that exist. The outer query takes exact when it ran, else relaxed, and
    // orders by distance, ties by id in byte order like the in-memory index.
    internal const string SearchSql = $"""
        WITH relaxed AS MATERIALIZED (
            SELECT freelancer_id, hourly_rate, {Haversine} AS distance_km, embedding <=> $1 AS distance
            FROM matching_freelancers
            WHERE {FilterSql}
            ORDER BY embedding <=> $1
            LIMIT $17
        ), exact AS MATERIALIZED (
            SELECT freelancer_id, hourly_rate, {Haversine} AS distance_km, embedding <=> $1 AS distance
            FROM matching_freelancers
            WHERE (SELECT count(*) FROM relaxed) < $18 AND {FilterSql}
            ORDER BY (embedding <=> $1) + 0
            LIMIT $18
        )
        SELECT freelancer_id, 1 - distance, distance_km, hourly_rate
        FROM (SELECT * FROM relaxed WHERE (SELECT count(*) FROM relaxed) >= $18 UNION ALL SELECT * FROM exact) AS candidates
        ORDER BY distance, freelancer_id COLLATE "C"
        LIMIT $18
        """;

    private const string UpsertSql = """
        INSERT INTO matching_freelancers
            (tenant_id, freelancer_id, embedding, skills, certifications, hourly_rate, currency, latitude, longitude, availability, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (tenant_id, freelancer_id) DO UPDATE SET
            embedding = excluded.embedding, skills = excluded.skills, certifications = excluded.certifications,
            hourly_rate = excluded.hourly_rate, currency = excluded.currency, latitude = excluded.latitude,
            longitude = excluded.longitude, availability = excluded.availability, updated_at = excluded.updated_at
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly string[] _searchSettings;

    public PostgreSqlFreelancerMatchIndex(NpgsqlDataSource dataSource, int dimensions, PostgreSqlMatchingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        Dimensions = dimensions;

        // Integers from validated options: formatted into SET LOCAL, which takes no parameters.
        _searchSettings =
        [
            "SET LOCAL hnsw.iterative_scan = relaxed_order",
            $"SET LOCAL hnsw.ef_search = {options.EfSearch}",
            $"SET LOCAL hnsw.max_scan_tuples = {options.MaxScanTuples}",
            // The exact fallback plans as a parallel Gather, whose workers start (11-15 ms, EXPLAIN ANALYZE) even when
            // the fallback is skipped; the rows either part reads are too few to gain from workers.
            "SET LOCAL max_parallel_workers_per_gather = 0",
        ];
    }

    public int Dimensions { get; }

    public async Task UpsertAsync(FreelancerMatchDocument document, ReadOnlyMemory<float> embedding, CancellationToken cancellationToken = default)
    {
        var row = MatchRow.From(document, embedding, Dimensions);
        await using var command = _dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = row.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = row.FreelancerId });
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(row.Embedding) });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Skills });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Certifications });
        command.Parameters.Add(new NpgsqlParameter { Value = row.HourlyRate });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Currency });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Latitude });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Longitude });
        command.Parameters.Add(new NpgsqlParameter { Value = ToMultirange(row), NpgsqlDbType = NpgsqlDbType.TimestampTzMultirange });
        command.Parameters.Add(new NpgsqlParameter { Value = _timeProvider.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string tenantId, string freelancerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(freelancerId);
        await using var command = _dataSource.CreateCommand("DELETE FROM matching_freelancers WHERE tenant_id = $1 AND freelancer_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = freelancerId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<MatchCandidate>> SearchAsync(MatchQuery query, ReadOnlyMemory<float> embedding, CancellationToken cancellationToken = default)
    {
        MatchQueryValidator.ThrowIfInvalid(query);
        var target = MatchRow.CheckEmbedding(embedding, Dimensions);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // SET LOCAL lasts until the transaction ends, so the settings never leak into the next user of the connection.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var setting in _searchSettings)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(setting));
        }

        var search = new NpgsqlBatchCommand(SearchSql);
        AddSearchParameters(search.Parameters, query, target);
        batch.BatchCommands.Add(search);

        var candidates = new List<MatchCandidate>(query.Limit);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(new MatchCandidate(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDecimal(3)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return candidates;
    }

    /// <summary>The parameters of <see cref="SearchSql"/>, shared with the benchmark's exact reference query.</summary>
    internal static void AddSearchParameters(NpgsqlParameterCollection parameters, MatchQuery query, float[] embedding)
    {
        var box = BoundingBox.Around(query.Latitude, query.Longitude, query.RadiusKm);
        parameters.Add(new NpgsqlParameter { Value = new Vector(embedding) });
        parameters.Add(new NpgsqlParameter { Value = query.TenantId });
        parameters.Add(new NpgsqlParameter { Value = Labels.Normalize(query.RequiredSkills, "Match query required skill") });
        parameters.Add(new NpgsqlParameter { Value = Labels.Normalize(query.RequiredCertifications, "Match query required certification") });
        parameters.Add(new NpgsqlParameter { Value = Currency.Normalize(query.Currency) });
        parameters.Add(new NpgsqlParameter { Value = query.WageMin });
        parameters.Add(new NpgsqlParameter { Value = query.WageMax });
        parameters.Add(new NpgsqlParameter { Value = query.ShiftStart.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = query.ShiftEnd.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = query.Latitude });
        parameters.Add(new NpgsqlParameter { Value = query.Longitude });
        parameters.Add(new NpgsqlParameter { Value = box.MinLatitude });
        parameters.Add(new NpgsqlParameter { Value = box.MaxLatitude });
        parameters.Add(new NpgsqlParameter { Value = box.MinLongitude });
        parameters.Add(new NpgsqlParameter { Value = box.MaxLongitude });
        parameters.Add(new NpgsqlParameter { Value = query.RadiusKm });
        parameters.Add(new NpgsqlParameter { Value = query.Limit });
        parameters.Add(new NpgsqlParameter { Value = query.Limit });
    }

    private static NpgsqlRange<DateTime>[] ToMultirange(MatchRow row) =>
        row.Availability
            .Select(window => new NpgsqlRange<DateTime>(window.Start.UtcDateTime, true, window.End.UtcDateTime, false))
            .ToArray();
}
