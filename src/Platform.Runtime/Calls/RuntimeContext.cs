using Platform.Invocation;

namespace Platform.Runtime.Calls;

/// <summary>
/// The request whose turn is running on this thread. Set by the activation for every work item it runs, so a call
/// made from grain code knows its parent (the call chain) without an AsyncLocal write per turn.
/// </summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    private static Request? t_current;

    public static Request? Current
    {
        get => t_current;
        set => t_current = value;
    }
}
