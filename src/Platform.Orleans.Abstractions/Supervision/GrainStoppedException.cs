namespace Platform.Orleans.Supervision;

/// <summary>
/// The grain was stopped by its supervisor after a failure (<see cref="SupervisionDirective.Stop"/>) and refuses calls
/// until <see cref="Until"/>. The grain's method did not run.
/// </summary>
[GenerateSerializer]
[Alias("Platform.Orleans.Supervision.GrainStoppedException")]
public sealed class GrainStoppedException : Exception
{
    public GrainStoppedException(string message, string grainId, DateTimeOffset until)
        : base(message)
    {
        GrainId = grainId;
        Until = until;
    }

    [Id(0)]
    public string GrainId { get; }

    /// <summary>When the grain accepts calls again (wall-clock time of the silo that refused the call).</summary>
    [Id(1)]
    public DateTimeOffset Until { get; }
}
