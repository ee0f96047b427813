using Npgsql;
using Platform.EventSourcing;

namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlEventJournalTests(MigratedDatabase database) : EventJournalContract, IClassFixture<MigratedDatabase>
{
    protected override IEventJournal CreateJournal(TimeProvider time) => new PostgreSqlEventJournal(database.DataSource, time);

    [Fact]
    public async Task An_append_waits_for_an_uncommitted_one_so_positions_follow_commit_order()
    {
        var head = await HeadPositionAsync();

        // An append of another silo, caught between drawing its position and committing.
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, $"SELECT pg_advisory_xact_lock({PostgreSqlEventJournal.AppendLockKey})");
        await Execute(
            connection,
            "INSERT INTO journal_events (stream_id, version, event_type, data, created_at) VALUES ('order/early', 1, 'placed', '{}', now())");

        var late = Journal.AppendAsync("order/late", 0, [new EventData("placed", "{}"u8.ToArray())], null, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await WaitingForTheAppendLockAsync() == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the second append waits for the first");
            await Task.Delay(20);
        }

        (await Journal.ReadAllAsync(head, 10, CancellationToken.None)).ShouldBeEmpty();
        await transaction.CommitAsync();
        await late;

        (await Journal.ReadAllAsync(head, 10, CancellationToken.None)).Select(e => e.StreamId).ShouldBe(["order/early", "order/late"]);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> WaitingForTheAppendLockAsync()
    {
        // Other test runs share the server: count only waiters for the journal's lock in this database.
        await using var command = database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1 " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
            "AND ((classid::bigint << 32) | objid::bigint) = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = PostgreSqlEventJournal.AppendLockKey });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
