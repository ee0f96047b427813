namespace Platform.Grains.Escrow;

/// <summary>One event of a contract's stream: its version, when the journal appended it, its type and its payload as JSON.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.EscrowAuditEntry")]
public sealed record EscrowAuditEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string Type,
    [property: Id(3)] string Json);
