using Platform.Runtime.Supervision;

namespace Platform.Runtime.Metadata;

/// <summary>What the runtime knows about one grain class, read once at start-up (never per call).</summary>
internal sealed class GrainClassInfo
{
    public required string GrainType { get; init; }

    public required Type ClassType { get; init; }

    /// <summary>Creates the grain instance, or null for observers whose instance exists before the activation.</summary>
    public required Func<IServiceProvider, IGrainContext, Grain>? Activator { get; init; }

    public required bool IsReentrant { get; init; }

    public required TimeSpan CollectionAge { get; init; }

    public required int MailboxCapacity { get; init; }

    public required GrainTypeSupervisor Supervisor { get; init; }

    public bool IsObserver => Activator is null;
}
