using Npgsql;
using Platform.Runtime.Reminders;

namespace Platform.PostgreSql;

/// <summary>
/// The reminders of one cluster in PostgreSQL, one row per grain and reminder name. Every write is one statement, so it
/// is durable when the call returns; a tick claim is an update conditional on the stored schedule and last claimed tick,
/// so of concurrent claims of one tick exactly one changes the row.
/// </summary>
public sealed class PostgreSqlReminderTable(NpgsqlDataSource dataSource, string clusterId) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period, last_tick";

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM reminders WHERE cluster_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4");
        AddKey(command, grainId, reminderName);
        return (await ReadEntriesAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM reminders WHERE cluster_id = $1 AND grain_type = $2 AND grain_key = $3 ORDER BY reminder_name COLLATE \"C\"");
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(grainId.Type);
        command.Parameters.AddWithValue(grainId.Key);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM reminders WHERE cluster_id = $1");
        command.Parameters.AddWithValue(clusterId);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO reminders (cluster_id, grain_type, grain_key, reminder_name, start_at, period, last_tick) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (cluster_id, grain_type, grain_key, reminder_name) DO UPDATE SET start_at = $5, period = $6, last_tick = $7");
        AddSchedule(command, entry);
        command.Parameters.AddWithValue(entry.LastTick);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM reminders WHERE cluster_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4");
        AddKey(command, grainId, reminderName);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> TryClaimTickAsync(ReminderEntry entry, long tick, CancellationToken cancellationToken)
    {
        // A concurrent claim of the same row waits for the first to commit and then re-checks last_tick, so it changes nothing.
        await using var command = dataSource.CreateCommand(
            "UPDATE reminders SET last_tick = $7 WHERE cluster_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4 " +
            "AND start_at = $5 AND period = $6 AND last_tick < $7");
        AddSchedule(command, entry);
        command.Parameters.AddWithValue(tick);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<TimeSpan>(4),
                reader.GetInt64(5)));
        }

        return entries;
    }

    private void AddSchedule(NpgsqlCommand command, ReminderEntry entry)
    {
        AddKey(command, entry.GrainId, entry.ReminderName);
        command.Parameters.AddWithValue(entry.StartAt);
        command.Parameters.AddWithValue(entry.Period);
    }

    private void AddKey(NpgsqlCommand command, GrainId grainId, string reminderName)
    {
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(grainId.Type);
        command.Parameters.AddWithValue(grainId.Key);
        command.Parameters.AddWithValue(reminderName);
    }
}
