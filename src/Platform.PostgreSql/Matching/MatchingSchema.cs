using Npgsql;

namespace Platform.PostgreSql.Matching;

/// <summary>
/// The part of the matching table that depends on the configured dimension: the <c>embedding vector(N)</c> column and
/// its HNSW index. Migration 0007 creates everything else; this runs after it on every start. The first start adds the
/// column and the index; later starts only check that the column's dimension is the configured one and refuse to start
/// otherwise, because embeddings of different dimensions cannot be compared and silently re-typing the column would
/// throw away every stored embedding (decision 0006).
/// </summary>
internal sealed class MatchingSchema(NpgsqlDataSource dataSource)
{
    public const string Table = "matching_freelancers";

    public const string VectorIndex = "matching_freelancers_embedding";

    // Any constant works; it must differ from the migrator's and the journal's and be the same for every silo.
    private const long SchemaLockKey = 0x506c61744d617463;

    /// <summary>The HNSW index as the bench and a start create it: cosine distance, m 16, ef_construction 64.</summary>
    public const string CreateVectorIndexSql =
        $"CREATE INDEX IF NOT EXISTS {VectorIndex} ON {Table} USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)";

    /// <exception cref="InvalidOperationException">The table is missing (migrations did not run) or its embeddings have another dimension.</exception>
    public async Task EnsureAsync(int dimensions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Silos that start together: the second waits here, then finds the column the first added.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken);
        var existing = await ReadDimensionsAsync(connection, transaction, cancellationToken);
        if (existing is null)
        {
            await ExecuteAsync(connection, transaction, $"ALTER TABLE {Table} ADD COLUMN embedding vector({dimensions}) NOT NULL", cancellationToken);
        }
        else if (existing != dimensions)
        {
            throw new InvalidOperationException(
                $"The matching index stores {existing}-dimensional embeddings (column {Table}.embedding is vector({existing})), but Matching:Dimensions "
                + $"is {dimensions}. Embeddings of different dimensions cannot be compared: set Matching:Dimensions back to {existing}, or re-embed "
                + "every freelancer into a fresh column (docs/decisions/0006-matching-on-pgvector.md).");
        }

        await ExecuteAsync(connection, transaction, CreateVectorIndexSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // A pool that connected before migration 0007 created the extension does not know the vector type yet.
        await dataSource.ReloadTypesAsync(cancellationToken);
    }

    /// <returns>The dimension of the embedding column, or null when it does not exist yet.</returns>
    private static async Task<int?> ReadDimensionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // pgvector keeps a vector(N) column's N as the attribute's type modifier.
        await using var command = new NpgsqlCommand(
            "SELECT a.atttypmod FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = 'embedding' AND NOT a.attisdropped",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            return reader.GetInt32(0);
        }

        await reader.CloseAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction);
        exists.Parameters.Add(new NpgsqlParameter { Value = Table });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new InvalidOperationException(
                $"The table {Table} does not exist: the platform's migrations (0007_matching_index.sql) have not run on this database.");
        }

        return null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
