namespace Platform.Grains.Tenancy;

/// <summary>
/// A grain was handed a reference to a grain of another tenant (a job of tenant A asked to hire a freelancer of tenant
/// B, say). Nothing was read or changed.
/// </summary>
[GenerateSerializer]
[Alias("platform.tenancy.TenantMismatchException")]
public sealed class TenantMismatchException : Exception
{
    public TenantMismatchException(string grainKey, string tenantId, string referencedKey, string referencedTenantId, string role)
        : base($"'{grainKey}' of tenant '{tenantId}' cannot reference {role} '{referencedKey}' of tenant '{referencedTenantId}': cross-tenant references are refused.")
    {
        GrainKey = grainKey;
        TenantId = tenantId;
        ReferencedKey = referencedKey;
        ReferencedTenantId = referencedTenantId;
    }

    /// <summary>The grain that refused the reference.</summary>
    [Id(0)]
    public string GrainKey { get; }

    [Id(1)]
    public string TenantId { get; }

    [Id(2)]
    public string ReferencedKey { get; }

    [Id(3)]
    public string ReferencedTenantId { get; }
}
