using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>Healthy while the database answers <c>SELECT 1</c>; the description names the server and, when not, why.</summary>
internal sealed class PostgreSqlHealthCheck(NpgsqlConnectionStringBuilder database) : IHealthCheck
{
    /// <summary>Longer than a query takes on a live server; short enough that a probe's own timeout does not fire first.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private readonly string _server = $"{database.Host}:{database.Port}/{database.Database}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(Patience);
            await connection.OpenAsync(patience.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(patience.Token);
            return HealthCheckResult.Healthy($"PostgreSQL at {_server} answers");
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            var reason = error is OperationCanceledException ? $"no answer within {Patience.TotalSeconds:0} s" : error.Message;
            return HealthCheckResult.Unhealthy($"PostgreSQL at {_server} is unreachable: {reason}");
        }
    }
}
