namespace Platform.Runtime.Activations;

internal enum WorkKind : byte
{
    None,
    Continuation,

    /// <summary>A request that runs alone: the activation itself is its synchronization context.</summary>
    ExclusiveRequest,

    /// <summary>A request that may interleave with others and so gets a context of its own.</summary>
    InterleavedRequest,
}
