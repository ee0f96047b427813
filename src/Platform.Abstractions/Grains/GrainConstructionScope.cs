namespace Platform;

/// <summary>
/// Holds the context of the activation whose grain is being constructed, so that a grain's constructor can already use
/// its identity and services without every grain constructor taking the context as a parameter.
/// </summary>
internal static class GrainConstructionScope
{
    [ThreadStatic]
    internal static IGrainContext? Current;
}
