using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.PostgreSql;

/// <summary>Ready once the database holds every migration this build of the silo ships (<see cref="SchemaMigrator"/>).</summary>
internal sealed class SchemaHealthCheck(SchemaMigrator migrator) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expected = SchemaMigrator.Migrations[^1].Version;
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(Patience);

            // Waited for apart from the token: a pool whose server never answers does not always honour it in time.
            return await migrator.CurrentVersionAsync(patience.Token).WaitAsync(Patience, cancellationToken) switch
            {
                null => HealthCheckResult.Unhealthy($"no schema migration applied yet; this silo needs version {expected}"),
                var current when current < expected => HealthCheckResult.Unhealthy($"schema at version {current}; this silo needs version {expected}"),
                var current => HealthCheckResult.Healthy($"schema at version {current}"),
            };
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            var reason = error is OperationCanceledException or TimeoutException ? $"no answer within {Patience.TotalSeconds:0} s" : error.Message;
            return HealthCheckResult.Unhealthy($"cannot read the schema version: {reason}");
        }
    }
}
