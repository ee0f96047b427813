namespace Platform.Grains.Tenancy;

/// <summary>
/// The key of every tenant-scoped grain, written "tenant/id" (e.g. "acme/f-7f3a"). Parsed and validated once, when a
/// grain first needs its identity, so every rule about tenants lives here: a grain only ever reads or changes data of
/// its own tenant, and a key it is handed for another grain must name the same tenant
/// (<see cref="ParseInTenant"/>).
/// </summary>
/// <remarks>
/// Ids are opaque, issued by the platform: the characters allowed exclude '@' and white space, so an e-mail address or a
/// full name can never be an id. That is what lets an id survive a GDPR erasure as a pseudonym (docs/domain.md).
/// </remarks>
public readonly record struct TenantKey
{
    public const int MaxTenantIdLength = 63;

    public const int MaxIdLength = 128;

    private TenantKey(string tenantId, string id)
    {
        TenantId = tenantId;
        Id = id;
    }

    /// <summary>Lower-case ASCII letters, digits and '-', like a DNS label, so that a tenant is spelled only one way.</summary>
    public string TenantId { get; }

    /// <summary>ASCII letters, digits, '-', '_', '.' and ':'.</summary>
    public string Id { get; }

    /// <exception cref="ArgumentException">The key is not "tenant/id" with a valid tenant id and id; the message says which part is wrong and why.</exception>
    public static TenantKey Parse(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("Grain key must not be empty; expected 'tenant/id'.", nameof(key));
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new ArgumentException($"Grain key '{key}' has no tenant; expected 'tenant/id'.", nameof(key));
        }

        if (slash == 0)
        {
            throw new ArgumentException($"Grain key '{key}' has an empty tenant id; expected 'tenant/id'.", nameof(key));
        }

        if (slash == key.Length - 1)
        {
            throw new ArgumentException($"Grain key '{key}' has an empty id; expected 'tenant/id'.", nameof(key));
        }

        var tenantId = key[..slash];
        var id = key[(slash + 1)..];
        CheckTenantId(tenantId, key);
        CheckId(id, key);
        return new TenantKey(tenantId, id);
    }

    /// <summary>The key of <paramref name="id"/> in tenant <paramref name="tenantId"/>.</summary>
    /// <exception cref="ArgumentException">Either part is empty or holds a character it may not.</exception>
    public static TenantKey Create(string tenantId, string id)
    {
        if (string.IsNullOrEmpty(tenantId))
        {
            throw new ArgumentException("Tenant id must not be empty.", nameof(tenantId));
        }

        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"Id in tenant '{tenantId}' must not be empty.", nameof(id));
        }

        CheckTenantId(tenantId, null);
        CheckId(id, null);
        return new TenantKey(tenantId, id);
    }

    /// <summary>Checks a tenant id on its own, e.g. the key of a grain that serves a whole tenant.</summary>
    /// <exception cref="ArgumentException">The tenant id is empty or holds a character it may not.</exception>
    public static string CheckTenantId(string tenantId)
    {
        if (string.IsNullOrEmpty(tenantId))
        {
            throw new ArgumentException("Tenant id must not be empty.", nameof(tenantId));
        }

        CheckTenantId(tenantId, null);
        return tenantId;
    }

    /// <summary>
    /// Parses <paramref name="key"/>, a reference this grain was handed to another grain, and refuses it unless it
    /// names this grain's tenant.
    /// </summary>
    /// <param name="role">What the referenced grain is, for messages: "freelancer", "job".</param>
    /// <exception cref="ArgumentException">The key is malformed.</exception>
    /// <exception cref="TenantMismatchException">The key belongs to another tenant.</exception>
    public TenantKey ParseInTenant(string key, string role)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"A {role} key is required; expected '{TenantId}/id'.", nameof(key));
        }

        var other = Parse(key);
        if (!string.Equals(other.TenantId, TenantId, StringComparison.Ordinal))
        {
            throw new TenantMismatchException(ToString(), TenantId, key, other.TenantId, role);
        }

        return other;
    }

    public override string ToString() => $"{TenantId}/{Id}";

    private static void CheckTenantId(string tenantId, string? key)
    {
        var where = key is null ? string.Empty : $" in grain key '{key}'";
        if (tenantId.Length > MaxTenantIdLength)
        {
            throw new ArgumentException(
                $"Tenant id '{tenantId}'{where} is {tenantId.Length} characters long; at most {MaxTenantIdLength} are allowed.", nameof(tenantId));
        }

        for (var i = 0; i < tenantId.Length; i++)
        {
            var c = tenantId[i];
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw new ArgumentException(
                    $"Tenant id '{tenantId}'{where} contains '{c}' at position {i + 1}; a tenant id may hold only lower-case ASCII letters, digits and '-'.",
                    nameof(tenantId));
            }
        }
    }

    private static void CheckId(string id, string? key)
    {
        var where = key is null ? string.Empty : $" in grain key '{key}'";
        if (id.Length > MaxIdLength)
        {
            throw new ArgumentException($"Id '{id}'{where} is {id.Length} characters long; at most {MaxIdLength} are allowed.", nameof(id));
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                throw new ArgumentException(
                    $"Id '{id}'{where} contains '{c}' at position {i + 1}; an id may hold only ASCII letters, digits, '-', '_', '.' and ':'.",
                    nameof(id));
            }
        }
    }
}
