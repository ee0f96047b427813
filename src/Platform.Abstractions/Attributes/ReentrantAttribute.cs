namespace Platform;

/// <summary>Lets calls to this grain class interleave at await points. Turns still never run in parallel.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
