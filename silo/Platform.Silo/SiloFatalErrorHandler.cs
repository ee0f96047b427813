using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Silo;

/// <summary>
/// Replaces Orleans' fatal error handler, which calls Environment.FailFast (a crash dump, no exit code to act on). Here a
/// fatal error stops the host gracefully instead, and the program exits with 3 when the cluster declared this silo dead
/// (the orchestrator restarts it as a new incarnation) or with 1 for any other fatal error.
/// </summary>
internal sealed partial class SiloFatalErrorHandler(IHostApplicationLifetime lifetime, ILogger<SiloFatalErrorHandler> logger) : IFatalErrorHandler
{
    // How Orleans' MembershipTableManager words the context when it finds the local silo Dead in the membership table
    // (voted dead, or a newer incarnation of the same endpoint joined). It is the only fatal error that means "rejoin".
    private const string DeclaredDeadContext = "I have been told I am dead";

    private int _fatal;

    /// <summary>The cluster declared this silo dead; set before the host is told to stop.</summary>
    public bool DeclaredDead { get; private set; }

    /// <summary>What went wrong, in one line, once a fatal error occurred.</summary>
    public string? Reason { get; private set; }

    public bool IsUnexpected(Exception exception) => exception is not ThreadAbortException;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        if (Interlocked.Exchange(ref _fatal, 1) != 0)
        {
            return;
        }

        DeclaredDead = context?.Contains(DeclaredDeadContext, StringComparison.Ordinal) == true;
        Reason = OneLine(context ?? exception?.Message ?? "unknown fatal error");
        LogFatal(logger, exception, sender?.GetType().Name ?? "Orleans", Reason);
        lifetime.StopApplication();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    [LoggerMessage(LogLevel.Critical, "Fatal error from {Source}: {Reason}. The silo stops.")]
    private static partial void LogFatal(ILogger logger, Exception? exception, string source, string reason);
}
