using System.Reflection;
using Npgsql;

namespace Platform.PostgreSql;

/// <summary>
/// Applies the versioned SQL files in <c>Migrations/</c> (embedded, named <c>NNNN_name.sql</c>) in order, each in its own
/// transaction. A transaction-scoped advisory lock serializes silos that start at the same moment: the second waits,
/// then sees the version recorded and skips it. Every silo runs it on start (see <see cref="SchemaMigrationParticipant"/>),
/// so a fresh database needs no deployment step.
/// </summary>
internal sealed class SchemaMigrator(NpgsqlDataSource dataSource)
{
    // Any constant works; it only has to be the same for every silo of the platform.
    private const long AdvisoryLockKey = 0x506c6174666f726d;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    /// <returns>The versions this call applied (empty when the schema was already current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<int>();
        foreach (var (version, name, sql) in Migrations)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            await Execute(
                connection,
                transaction,
                "CREATE TABLE IF NOT EXISTS platform_schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);

            await using (var check = new NpgsqlCommand("SELECT 1 FROM platform_schema_migrations WHERE version = $1", connection, transaction))
            {
                check.Parameters.AddWithValue(version);
                if (await check.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                    continue;
                }
            }

            await Execute(connection, transaction, sql, cancellationToken);
            await using (var record = new NpgsqlCommand("INSERT INTO platform_schema_migrations (version, name) VALUES ($1, $2)", connection, transaction))
            {
                record.Parameters.AddWithValue(version);
                record.Parameters.AddWithValue(name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied.Add(version);
        }

        return applied;
    }

    /// <returns>The highest version applied, or null when none is (the migrations table does not even exist yet).</returns>
    public async Task<int?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('platform_schema_migrations') IS NULL THEN NULL ELSE (SELECT max(version) FROM platform_schema_migrations) END",
            connection);
        return await command.ExecuteScalarAsync(cancellationToken) as int?;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(int Version, string Name, string Sql)> LoadMigrations()
    {
        const string prefix = "Platform.PostgreSql.Migrations.";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(prefix, StringComparison.Ordinal) && resource.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                var fileName = resource[prefix.Length..^".sql".Length];
                var separator = fileName.IndexOf('_', StringComparison.Ordinal);
                if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
                {
                    throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_description.sql.");
                }

                return (version, fileName[(separator + 1)..], Read(assembly, resource));
            })
            .OrderBy(migration => migration.version)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
