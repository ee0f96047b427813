using System.Text.Json.Serialization;

namespace Platform.Grains.Audit;

/// <summary>
/// The events of the audit trail, kept in the platform's event journal on streams "audit/tenant/id" (see
/// <see cref="AuditStreams"/>). The discriminator is what the journal stores as the event type: compliance tools read
/// the trail by it. An audit event names people only by their pseudonymous key and never holds personal data.
/// </summary>
[JsonDerivedType(typeof(FreelancerErased), "audit.freelancer-erased")]
[GenerateSerializer]
[Alias("platform.audit.AuditEvent")]
public abstract record AuditEvent;
