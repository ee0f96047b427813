namespace Platform.Runtime.Membership;

/// <summary>A member's state in the membership table. Dead is final for that generation.</summary>
public enum SiloStatus
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
