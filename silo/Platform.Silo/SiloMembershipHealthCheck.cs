using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Silo;

/// <summary>Ready once this silo is Active in the cluster's membership: before, it takes no grain calls.</summary>
internal sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.SiloAddress} is Active in the cluster ({active} active silo(s))")
            : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} has not joined the cluster: its membership status is {status}"));
    }
}
