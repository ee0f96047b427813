namespace Platform.Orleans.Supervision;

/// <summary>
/// At most <paramref name="maxRestarts"/> restarts (Restart, Stop and Escalate directives) within
/// <paramref name="withinSeconds"/> for this grain type on one silo; one more quarantines the type: calls to it fail with
/// <see cref="GrainQuarantinedException"/> until <c>SupervisionOptions.QuarantineCoolDown</c> has passed.
/// Without this attribute the defaults of <c>SupervisionOptions</c> apply.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RestartIntensityAttribute : Attribute
{
    public RestartIntensityAttribute(int maxRestarts, double withinSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRestarts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(withinSeconds);
        MaxRestarts = maxRestarts;
        Window = TimeSpan.FromSeconds(withinSeconds);
    }

    public int MaxRestarts { get; }

    public TimeSpan Window { get; }
}
