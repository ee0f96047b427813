using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Matching.Hosting;

namespace Platform.PostgreSql.Matching;

/// <summary>
/// Before the silo serves grains: applies the platform's migrations (a no-op when <c>UsePlatformPostgreSql</c> already
/// did, so matching works on its own too) and then the dimension-typed part of the matching table. A dimension that
/// differs from the stored one fails the start with <see cref="MatchingSchema"/>'s message.
/// </summary>
internal sealed partial class MatchingSchemaParticipant(
    MatchingDataSource dataSource,
    IOptions<MatchingOptions> options,
    ILogger<MatchingSchemaParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MatchingSchemaParticipant), ServiceLifecycleStage.ApplicationServices, EnsureAsync);

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await new SchemaMigrator(dataSource.DataSource).MigrateAsync(cancellationToken);
        var dimensions = options.Value.Dimensions;
        await new MatchingSchema(dataSource.DataSource).EnsureAsync(dimensions, cancellationToken);
        LogSchemaReady(dimensions);
    }

    [LoggerMessage(1, LogLevel.Information, "Matching index on PostgreSQL ready: {Dimensions}-dimensional embeddings, HNSW cosine index")]
    private partial void LogSchemaReady(int dimensions);
}
