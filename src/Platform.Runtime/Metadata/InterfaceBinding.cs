using Platform.Invocation;

namespace Platform.Runtime.Metadata;

/// <summary>How to make a reference for one grain or observer interface: its proxy factory and, for grains, its grain type.</summary>
internal sealed record InterfaceBinding(Type Interface, string? GrainType, Func<GrainId, IGrainCallRuntime, object> CreateProxy);
