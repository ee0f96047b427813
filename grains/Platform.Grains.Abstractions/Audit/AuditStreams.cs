using Platform.Grains.Tenancy;

namespace Platform.Grains.Audit;

/// <summary>Where the audit trail of a grain lives in the event journal.</summary>
public static class AuditStreams
{
    /// <summary>"audit/tenant/id": the trail of the person or thing with that key.</summary>
    public static string Of(TenantKey key) => $"audit/{key}";
}
