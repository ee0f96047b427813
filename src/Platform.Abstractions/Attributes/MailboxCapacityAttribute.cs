namespace Platform;

/// <summary>How many calls may wait for one activation of this class before further calls are rejected.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MailboxCapacityAttribute(int capacity) : Attribute
{
    public int Capacity { get; } = capacity;
}
