using Microsoft.Extensions.Logging;

namespace Platform.Runtime;

/// <summary>The runtime's log events, source-generated so that disabled levels cost nothing.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Error, "An unexpected exception escaped a work item posted to {GrainId}")]
    public static partial void ContinuationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of {GrainId} ({Reason}) failed; the activation is removed anyway")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(3, LogLevel.Warning, "Activation of {GrainId} failed; its queued calls receive the exception")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(4, LogLevel.Warning, "Supervisor of {GrainType}: {Directive} for {GrainId} after {Method} failed ({Restarts} within the restart window)")]
    public static partial void Supervised(ILogger logger, Exception exception, string grainType, SupervisionDirective directive, GrainId grainId, string method, int restarts);

    [LoggerMessage(5, LogLevel.Error, "Grain type {GrainType} exceeded its restart intensity ({MaxRestarts} within {Window}); quarantined until {Until}")]
    public static partial void Quarantined(ILogger logger, string grainType, int maxRestarts, TimeSpan window, DateTimeOffset until);

    [LoggerMessage(6, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed to deliver")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(7, LogLevel.Information, "Silo started with {GrainClassCount} grain classes")]
    public static partial void SiloStarted(ILogger logger, int grainClassCount);

    [LoggerMessage(8, LogLevel.Information, "Silo stopping: deactivating {ActivationCount} activations")]
    public static partial void SiloStopping(ILogger logger, int activationCount);

    [LoggerMessage(9, LogLevel.Warning, "Silo stop timed out with {ActivationCount} activations still deactivating")]
    public static partial void SiloStopTimedOut(ILogger logger, int activationCount);

    [LoggerMessage(10, LogLevel.Debug, "Timer tick of {GrainId} skipped: {Reason}")]
    public static partial void TimerTickSkipped(ILogger logger, GrainId grainId, string reason);

    [LoggerMessage(20, LogLevel.Information, "Silo {Silo} joined the cluster in zone {Zone}; {ActiveSilos} silos active")]
    public static partial void ClusterJoined(ILogger logger, string silo, string zone, int activeSilos);

    [LoggerMessage(21, LogLevel.Warning, "Leaving the cluster failed; other silos will declare this silo dead instead")]
    public static partial void ClusterLeaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(22, LogLevel.Information, "Cluster view {Version}: {ActiveSilos} silos active")]
    public static partial void ClusterViewChanged(ILogger logger, long version, int activeSilos);

    [LoggerMessage(23, LogLevel.Critical, "Silo {Silo} was declared dead by the cluster: it stops serving now")]
    public static partial void SiloFenced(ILogger logger, string silo);

    [LoggerMessage(24, LogLevel.Debug, "An early membership refresh failed; the periodic one will retry")]
    public static partial void ClusterRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "Stopping silo still had unanswered calls after {Timeout}; closing its connections anyway")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(26, LogLevel.Debug, "Call {Method} to {GrainId} could not be sent ({Reason}); routing it again")]
    public static partial void Rerouting(ILogger logger, string method, GrainId grainId, string reason);

    [LoggerMessage(40, LogLevel.Warning, "Reading the reminder table to find the reminders this silo owns failed; the next view change or sync period retries")]
    public static partial void ReminderSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(41, LogLevel.Warning, "Claiming tick {Tick} of reminder {ReminderName} of {GrainId} failed; it is not delivered until a claim succeeds")]
    public static partial void ReminderClaimFailed(ILogger logger, Exception exception, GrainId grainId, string reminderName, long tick);

    [LoggerMessage(42, LogLevel.Debug, "Tick {Tick} of reminder {ReminderName} of {GrainId} was not claimed here: another silo delivered it, or the reminder changed")]
    public static partial void ReminderTickClaimedElsewhere(ILogger logger, GrainId grainId, string reminderName, long tick);
}
