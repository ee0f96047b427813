namespace Platform.Bench;

/// <summary>What an in-process bench silo runs besides plain Orleans.</summary>
internal enum SiloFeatures
{
    /// <summary>Plain Orleans, default options.</summary>
    None,

    /// <summary>Plain Orleans with its own activity propagation, which the platform switches on for tracing.</summary>
    OrleansTracing,

    /// <summary><c>AddPlatformExtensions()</c>.</summary>
    Platform,
}
