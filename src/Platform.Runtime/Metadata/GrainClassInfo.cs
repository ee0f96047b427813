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

    /// <summary>How many activations one grain id may have on this silo: 1, or more for a [StatelessWorker].</summary>
    public int MaxLocalWorkers { get; init; } = 1;

    /// <summary>Placed on the calling silo, never remotely, with up to <see cref="MaxLocalWorkers"/> activations per grain id.</summary>
    public bool IsStatelessWorker { get; init; }

    public bool IsObserver => Activator is null;
}
