using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Api.Hosting;

/// <summary>Ready when the Orleans client reaches the cluster and it has at least one active silo.</summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)") : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the cluster does not answer", exception);
        }
    }
}
