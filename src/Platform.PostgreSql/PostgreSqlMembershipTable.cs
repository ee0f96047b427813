using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Runtime.Membership;

namespace Platform.PostgreSql;

/// <summary>
/// The membership table of one cluster in PostgreSQL. Each status or vote change runs in one transaction that first
/// moves <c>cluster_version</c> from the expected version to the next: a silo that decided on an old view changes
/// nothing and learns it must re-read.
/// </summary>
public sealed class PostgreSqlMembershipTable(NpgsqlDataSource dataSource, string clusterId) : IMembershipTable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Outside the snapshot transaction: an insert there conflicts with concurrent version bumps (SQLSTATE 40001),
        // while a repeatable-read transaction that only reads never fails to serialize.
        await using (var ensure = new NpgsqlCommand("INSERT INTO cluster_version (cluster_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING", connection))
        {
            ensure.Parameters.AddWithValue(clusterId);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        long version;
        await using (var read = new NpgsqlCommand("SELECT version FROM cluster_version WHERE cluster_id = $1", connection, transaction))
        {
            read.Parameters.AddWithValue(clusterId);
            version = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        }

        var entries = new List<MembershipEntry>();
        await using (var rows = new NpgsqlCommand(
            "SELECT host, port, generation, zone, status, start_time, i_am_alive_time, suspect_votes::text FROM cluster_membership " +
            "WHERE cluster_id = $1 ORDER BY host, port, generation",
            connection,
            transaction))
        {
            rows.Parameters.AddWithValue(clusterId);
            await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new MembershipEntry(
                    new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                    reader.GetString(3),
                    Enum.Parse<SiloStatus>(reader.GetString(4)),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    JsonSerializer.Deserialize<List<SuspectVote>>(reader.GetString(7), Json) ?? []));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new MembershipSnapshot(version, entries);
    }

    public Task<bool> TryInsertAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(
            expectedVersion,
            "INSERT INTO cluster_membership (cluster_id, host, port, generation, zone, status, start_time, i_am_alive_time, suspect_votes) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
            entry,
            cancellationToken);

    public Task<bool> TryUpdateAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(
            expectedVersion,
            "UPDATE cluster_membership SET zone = $5, status = $6, start_time = $7, i_am_alive_time = $8, suspect_votes = $9 " +
            "WHERE cluster_id = $1 AND host = $2 AND port = $3 AND generation = $4",
            entry,
            cancellationToken);

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE cluster_membership SET i_am_alive_time = $5 WHERE cluster_id = $1 AND host = $2 AND port = $3 AND generation = $4");
        AddSilo(command, silo);
        command.Parameters.AddWithValue(time);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> ChangeAsync(long expectedVersion, string sql, MembershipEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var bump = new NpgsqlCommand("UPDATE cluster_version SET version = version + 1 WHERE cluster_id = $1 AND version = $2", connection, transaction))
        {
            bump.Parameters.AddWithValue(clusterId);
            bump.Parameters.AddWithValue(expectedVersion);
            if (await bump.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var change = new NpgsqlCommand(sql, connection, transaction))
        {
            AddSilo(change, entry.Silo);
            change.Parameters.AddWithValue(entry.Zone);
            change.Parameters.AddWithValue(entry.Status.ToString());
            change.Parameters.AddWithValue(entry.StartTime);
            change.Parameters.AddWithValue(entry.IAmAliveTime);
            change.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(entry.SuspectVotes, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (await change.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private void AddSilo(NpgsqlCommand command, SiloAddress silo)
    {
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(silo.Host);
        command.Parameters.AddWithValue(silo.Port);
        command.Parameters.AddWithValue(silo.Generation);
    }
}
