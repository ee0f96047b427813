namespace Platform.Orleans.Supervision;

/// <summary>
/// The grain type failed more often than its restart intensity allows and refuses calls on this silo until its
/// cool-down ends. The grain's method did not run.
/// </summary>
[GenerateSerializer]
[Alias("Platform.Orleans.Supervision.GrainQuarantinedException")]
public sealed class GrainQuarantinedException : Exception
{
    public GrainQuarantinedException(string message, string grainType, DateTimeOffset until)
        : base(message)
    {
        GrainType = grainType;
        Until = until;
    }

    [Id(0)]
    public string GrainType { get; }

    /// <summary>When the quarantine ends (wall-clock time of the silo that refused the call).</summary>
    [Id(1)]
    public DateTimeOffset Until { get; }
}
