namespace Platform;

/// <summary>Marks an interface method that does not change state: read-only calls interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
