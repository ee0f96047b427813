namespace Platform.Invocation;

/// <summary>Base class of generated grain and observer proxies: an address plus the runtime that delivers calls to it.</summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(GrainId grainId, IGrainCallRuntime runtime)
    {
        GrainId = grainId;
        Runtime = runtime;
    }

    public GrainId GrainId { get; }

    public IGrainCallRuntime Runtime { get; }

    /// <summary>The runtime's cached route for this reference (its local activation), kept to skip a directory look-up per call.</summary>
    internal object? CachedRoute;

    protected void Send(Request request) => Runtime.Send(this, request);

    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId;

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();
}
