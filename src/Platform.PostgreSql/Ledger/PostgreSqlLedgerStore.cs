using Npgsql;
using Platform.Grains.Escrow;
using Platform.Payments.Ledger;

namespace Platform.PostgreSql.Ledger;

/// <summary>
/// The escrow ledger in PostgreSQL (migration 0006): postings, their lines and the balances, with the projection's
/// checkpoint. An apply is one statement, so one transaction: it moves the checkpoint only from the position it expects
/// (a concurrent projector on another silo waits on the row, then finds it moved and changes nothing), inserts the
/// postings not stored yet, their lines, and adds exactly those lines to the balances.
/// </summary>
internal sealed class PostgreSqlLedgerStore(NpgsqlDataSource dataSource) : ILedgerStore
{
    private const string Projection = "escrow";

    private const string ApplySql = """
        WITH checkpoint AS (
            UPDATE ledger_checkpoint SET position = $3 WHERE projection = $1 AND position = $2 RETURNING position
        ), postings AS (
            INSERT INTO ledger_postings (posting_id, tenant_id, currency, journal_position, total)
            SELECT p.posting_id, p.tenant_id, p.currency, p.journal_position, p.total
            FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[]) AS p(posting_id, tenant_id, currency, journal_position, total)
            WHERE EXISTS (SELECT FROM checkpoint)
            ON CONFLICT (posting_id) DO NOTHING
            RETURNING posting_id, tenant_id, currency
        ), entries AS (
            INSERT INTO ledger_entries (posting_id, line, account, debit, credit)
            SELECT e.posting_id, e.line, e.account, e.debit, e.credit
            FROM unnest($9::text[], $10::int[], $11::text[], $12::bigint[], $13::bigint[]) AS e(posting_id, line, account, debit, credit)
            JOIN postings ON postings.posting_id = e.posting_id
            RETURNING posting_id, account, debit, credit
        ), balances AS (
            INSERT INTO ledger_balances (tenant_id, account, currency, debits, credits)
            SELECT postings.tenant_id, entries.account, postings.currency, sum(entries.debit), sum(entries.credit)
            FROM entries JOIN postings ON postings.posting_id = entries.posting_id
            GROUP BY postings.tenant_id, entries.account, postings.currency
            ON CONFLICT (tenant_id, account, currency)
            DO UPDATE SET debits = ledger_balances.debits + excluded.debits, credits = ledger_balances.credits + excluded.credits
        )
        SELECT count(*) FROM checkpoint
        """;

    // One statement, so one snapshot: the balances are exactly those of the checkpoint read beside them.
    private const string SnapshotSql = """
        SELECT c.position, (SELECT count(*) FROM ledger_postings WHERE tenant_id = $2), b.account, b.currency, b.debits, b.credits
        FROM ledger_checkpoint c LEFT JOIN ledger_balances b ON b.tenant_id = $2
        WHERE c.projection = $1
        ORDER BY b.account, b.currency
        """;

    public async Task<long> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT position FROM ledger_checkpoint WHERE projection = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Projection });
        return await command.ExecuteScalarAsync(cancellationToken) is long position
            ? position
            : throw new InvalidOperationException($"The ledger checkpoint row '{Projection}' is missing from ledger_checkpoint; migration 0006 creates it.");
    }

    public async Task<bool> ApplyAsync(long expectedCheckpoint, long nextCheckpoint, IReadOnlyList<LedgerPosting> postings, CancellationToken cancellationToken)
    {
        LedgerStoreArguments.CheckApply(expectedCheckpoint, nextCheckpoint, postings);
        var lines = postings.SelectMany(posting => posting.Lines.Select((line, index) => (posting.PostingId, Line: index + 1, line))).ToArray();
        await using var command = dataSource.CreateCommand(ApplySql);
        object[] parameters =
        [
            Projection,
            expectedCheckpoint,
            nextCheckpoint,
            postings.Select(posting => posting.PostingId).ToArray(),
            postings.Select(posting => posting.TenantId).ToArray(),
            postings.Select(posting => posting.Currency).ToArray(),
            postings.Select(posting => posting.Position).ToArray(),
            postings.Select(posting => posting.Total).ToArray(),
            lines.Select(entry => entry.PostingId).ToArray(),
            lines.Select(entry => entry.Line).ToArray(),
            lines.Select(entry => entry.line.Account.Name).ToArray(),
            lines.Select(entry => entry.line.Debit).ToArray(),
            lines.Select(entry => entry.line.Credit).ToArray(),
        ];
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }

    public async Task<LedgerSnapshot> ReadSnapshotAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        await using var command = dataSource.CreateCommand(SnapshotSql);
        command.Parameters.Add(new NpgsqlParameter { Value = Projection });
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long? position = null;
        var postings = 0L;
        var balances = new List<LedgerBalance>();
        while (await reader.ReadAsync(cancellationToken))
        {
            position = reader.GetInt64(0);
            postings = reader.GetInt64(1);
            if (!await reader.IsDBNullAsync(2, cancellationToken))
            {
                balances.Add(new LedgerBalance(LedgerAccount.Parse(reader.GetString(2)), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }

        return position is { } checkpoint
            ? new LedgerSnapshot(checkpoint, postings, balances)
            : throw new InvalidOperationException($"The ledger checkpoint row '{Projection}' is missing from ledger_checkpoint; migration 0006 creates it.");
    }
}
