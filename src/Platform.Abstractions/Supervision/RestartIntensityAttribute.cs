namespace Platform;

/// <summary>
/// At most <paramref name="maxRestarts"/> restarts within <paramref name="withinSeconds"/> for this grain type; past that
/// the type is quarantined for <see cref="QuarantineSeconds"/> and calls to it fail fast.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RestartIntensityAttribute(int maxRestarts, double withinSeconds) : Attribute
{
    public int MaxRestarts { get; } = maxRestarts;

    public TimeSpan Window { get; } = TimeSpan.FromSeconds(withinSeconds);

    public double QuarantineSeconds { get; init; } = 30;
}
