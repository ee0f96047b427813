using System.Text;
using Npgsql;
using NpgsqlTypes;
using Platform.EventSourcing;

namespace Platform.PostgreSql;

/// <summary>
/// The event journal in PostgreSQL: table <c>journal_events</c> keyed by (stream, version), with a global identity
/// <c>position</c>, and <c>journal_snapshots</c>. An append is one round trip and one transaction: it takes a
/// transaction-scoped advisory lock, then one statement checks the idempotency key and the stream's version and
/// inserts the events only if both allow it.
/// </summary>
/// <remarks>
/// Why the lock: positions come from a sequence, and concurrent transactions commit in another order than they drew
/// their positions, so a reader could see position 11 while 10 is still uncommitted, move its checkpoint past 10 and
/// never see it. Under the lock, appends draw positions and commit one after another (the lock is released only after
/// the commit is visible), so every snapshot a reader takes holds a gapless prefix of the committed positions, apart
/// from positions of appends that rolled back, which never appear. The price is that appends to all streams are
/// serialized: one commit at a time per database. The lock is also why the version check needs no retry: between the
/// lock and the commit nobody else appends.
/// </remarks>
internal sealed class PostgreSqlEventJournal(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IEventJournal
{
    // Any constant works; it must differ from SchemaMigrator's and be the same for every silo.
    internal const long AppendLockKey = 0x506c61744a726e6c;

    // A separate statement from the lock: a statement's snapshot is taken when it starts, so only a statement that
    // starts after the lock is granted sees the previous append.
    private const string AppendSql = """
        WITH duplicate AS (
            SELECT version FROM journal_events WHERE stream_id = $1 AND idempotency_key = $5
        ), head AS (
            SELECT coalesce(max(version), 0) AS version FROM journal_events WHERE stream_id = $1
        ), appended AS (
            INSERT INTO journal_events (stream_id, version, event_type, data, idempotency_key, created_at)
            SELECT $1, head.version + e.ordinal, e.type, e.data, CASE WHEN e.ordinal = cardinality($3) THEN $5 END, $6
            FROM head, unnest($3::text[], $4::jsonb[]) WITH ORDINALITY AS e(type, data, ordinal)
            WHERE head.version = $2 AND NOT EXISTS (SELECT FROM duplicate)
            RETURNING version
        )
        SELECT (SELECT version FROM duplicate), (SELECT version FROM head), (SELECT max(version) FROM appended)
        """;

    private const string EventColumns = "SELECT stream_id, version, position, event_type, data::text, created_at FROM journal_events ";

    public async Task<AppendResult> AppendAsync(
        string streamId,
        long expectedVersion,
        IReadOnlyList<EventData> events,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        JournalArguments.CheckAppend(streamId, expectedVersion, events);

        // Without an explicit transaction, a batch runs as one implicit transaction: the lock is held until it commits.
        await using var batch = dataSource.CreateBatch();
        var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)");
        lockCommand.Parameters.Add(new NpgsqlParameter { Value = AppendLockKey });
        var append = new NpgsqlBatchCommand(AppendSql);
        append.Parameters.Add(new NpgsqlParameter { Value = streamId });
        append.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
        append.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Type).ToArray() });
        append.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => Encoding.UTF8.GetString(e.Data.Span)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        append.Parameters.Add(new NpgsqlParameter { Value = (object?)idempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        append.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        batch.BatchCommands.Add(lockCommand);
        batch.BatchCommands.Add(append);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!await reader.IsDBNullAsync(0, cancellationToken))
        {
            return new AppendResult(reader.GetInt64(0), Duplicate: true);
        }

        if (!await reader.IsDBNullAsync(2, cancellationToken))
        {
            return new AppendResult(reader.GetInt64(2), Duplicate: false);
        }

        throw new JournalConcurrencyException(streamId, expectedVersion, reader.GetInt64(1));
    }

    public async Task<long?> FindIdempotencyKeyAsync(string streamId, string idempotencyKey, CancellationToken cancellationToken)
    {
        JournalArguments.CheckIdempotencyKey(streamId, idempotencyKey);
        await using var command = dataSource.CreateCommand("SELECT version FROM journal_events WHERE stream_id = $1 AND idempotency_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long afterVersion, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        JournalArguments.CheckRead(afterVersion, maxCount);
        return ReadEventsAsync(
            EventColumns + "WHERE stream_id = $1 AND version > $2 ORDER BY version LIMIT $3", [streamId, afterVersion, maxCount], cancellationToken);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        JournalArguments.CheckRead(afterPosition, maxCount);
        return ReadEventsAsync(EventColumns + "WHERE position > $1 ORDER BY position LIMIT $2", [afterPosition, maxCount], cancellationToken);
    }

    public async Task<JournalSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        await using var command = dataSource.CreateCommand("SELECT version, data::text FROM journal_snapshots WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new JournalSnapshot(reader.GetInt64(0), Encoding.UTF8.GetBytes(reader.GetString(1)))
            : null;
    }

    public async Task WriteSnapshotAsync(string streamId, JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        JournalArguments.CheckSnapshot(streamId, snapshot);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO journal_snapshots (stream_id, version, data, updated_at) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at " +
            "WHERE journal_snapshots.version < excluded.version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetString(snapshot.Data.Span), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new RecordedEvent(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetString(3),
                Encoding.UTF8.GetBytes(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return events;
    }
}
