using Microsoft.Extensions.Logging;

namespace Platform.PostgreSql;

/// <summary>
/// Migrates the schema when the silo starts, at the first stage of the silo lifecycle: every Orleans ADO.NET provider
/// starts later (membership at <see cref="ServiceLifecycleStage.RuntimeGrainServices"/>, grain storage at
/// <see cref="ServiceLifecycleStage.ApplicationServices"/>, reminders after them), and a stage starts only when the
/// previous one has finished, so no provider reads <c>OrleansQuery</c> before its rows exist. A failed migration fails
/// the silo's start.
/// </summary>
internal sealed partial class SchemaMigrationParticipant(SchemaMigrator migrator, ILogger<SchemaMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        if (applied.Count == 0)
        {
            LogSchemaCurrent(SchemaMigrator.Migrations[^1].Version);
        }
        else
        {
            LogMigrationsApplied(string.Join(", ", applied));
        }
    }

    [LoggerMessage(1, LogLevel.Information, "PostgreSQL schema migrations applied: {Versions}")]
    private partial void LogMigrationsApplied(string versions);

    [LoggerMessage(2, LogLevel.Debug, "PostgreSQL schema is current (version {Version})")]
    private partial void LogSchemaCurrent(int version);
}
