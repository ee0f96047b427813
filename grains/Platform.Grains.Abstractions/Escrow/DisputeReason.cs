namespace Platform.Grains.Escrow;

/// <summary>Why a contract is disputed: a code, never free text, so that no personal data enters the escrow's events.</summary>
[GenerateSerializer]
[Alias("platform.escrow.DisputeReason")]
public enum DisputeReason
{
    NotDelivered = 0,
    QualityIssue = 1,
    NotAsDescribed = 2,
    Other = 3,
}
