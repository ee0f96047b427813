namespace Platform.Invocation;

/// <summary>Per-method execution options, emitted by the code generator from attributes on the interface method.</summary>
[Flags]
public enum RequestOptions
{
    None = 0,

    /// <summary>The method does not change state; read-only calls may interleave with each other.</summary>
    ReadOnly = 1,

    /// <summary>The method may interleave with any other call on a non-reentrant grain.</summary>
    AlwaysInterleave = 2,

    /// <summary>The caller does not wait for a reply and never sees a failure.</summary>
    OneWay = 4,
}
