using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;

namespace Platform.PostgreSql;

/// <summary>
/// Grain state in PostgreSQL as jsonb, one row per grain and state name. The ETag is the row's version, and every
/// write and delete is a single statement conditional on it, so two activations of one grain (a stale duplicate
/// during a view change) can never both succeed: the loser gets <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class PostgreSqlGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT data::text, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        AddKey(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new GrainStateRecord(Encoding.UTF8.GetBytes(reader.GetString(0)), FormatEtag(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        var json = Encoding.UTF8.GetString(data.Span);
        await using var command = expectedEtag is null
            ? dataSource.CreateCommand(
                "INSERT INTO grain_state (grain_type, grain_key, state_name, data, version) VALUES ($1, $2, $3, $4, 1) " +
                "ON CONFLICT DO NOTHING RETURNING version")
            : dataSource.CreateCommand(
                "UPDATE grain_state SET data = $4, version = version + 1, updated_at = now() " +
                "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5 RETURNING version");
        AddKey(command, grainId, stateName);
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (expectedEtag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ParseEtag(grainId, stateName, expectedEtag) });
        }

        if (await command.ExecuteScalarAsync(cancellationToken) is long version)
        {
            return FormatEtag(version);
        }

        throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Clearing state that was never written succeeds only if nobody wrote it meanwhile.
            if (await ReadAsync(grainId, stateName, cancellationToken) is not null)
            {
                throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken);
            }

            return;
        }

        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4");
        AddKey(command, grainId, stateName);
        command.Parameters.Add(new NpgsqlParameter { Value = ParseEtag(grainId, stateName, expectedEtag) });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken);
        }
    }

    private async Task<InconsistentStateException> ConflictAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = (await ReadAsync(grainId, stateName, cancellationToken))?.Etag;
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} was changed by someone else: this copy expected ETag {expectedEtag ?? "(none)"} but storage has {stored ?? "(none)"}.",
            expectedEtag,
            stored);
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
    }

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseEtag(GrainId grainId, string stateName, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"State '{stateName}' of {grainId}: ETag '{etag}' was not issued by PostgreSQL storage (expected a row version).", etag, null);
}
