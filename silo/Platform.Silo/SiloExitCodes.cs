namespace Platform.Silo;

/// <summary>What the silo's exit code tells an orchestrator or script.</summary>
internal static class SiloExitCodes
{
    /// <summary>Stopped when asked (SIGTERM, Ctrl+C), or --help / --smoke succeeded.</summary>
    public const int Ok = 0;

    /// <summary>Failed to start (say, PostgreSQL unreachable) or hit a fatal error while running; one line says why.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or environment variables; nothing was started.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The cluster declared this silo dead (it was unreachable too long, or replaced); restart it to rejoin.</summary>
    public const int DeclaredDead = 3;
}
