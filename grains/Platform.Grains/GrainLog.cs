using Microsoft.Extensions.Logging;

namespace Platform.Grains;

/// <summary>The marketplace grains' log messages.</summary>
internal static partial class GrainLog
{
    [LoggerMessage(1, LogLevel.Warning, "Job {JobKey} changed (revision {Revision}) but publishing {Count} stream events failed; they stay in its outbox and are published again on its next change or activation")]
    public static partial void OutboxPublishFailed(ILogger logger, string jobKey, long revision, int count, Exception error);

    [LoggerMessage(2, LogLevel.Warning, "Job {JobKey} published its outbox but could not clear it; the events are published again (receivers de-duplicate by id)")]
    public static partial void OutboxClearFailed(ILogger logger, string jobKey, Exception error);

    [LoggerMessage(7, LogLevel.Warning, "Job {JobKey} has no recorded candidates {Period} after its publication or last retry; publishing JobCreated again")]
    public static partial void MatchingRetried(ILogger logger, string jobKey, TimeSpan period);

    [LoggerMessage(8, LogLevel.Warning, "Job {JobKey} could not publish JobCreated again; its reminder tries once more in {Period}")]
    public static partial void MatchingRetryFailed(ILogger logger, string jobKey, TimeSpan period, Exception error);

    [LoggerMessage(3, LogLevel.Information, "Recorded {Count} candidates for job {JobKey}")]
    public static partial void CandidatesRecorded(ILogger logger, string jobKey, int count);

    [LoggerMessage(4, LogLevel.Information, "Job {JobKey} left Open before its candidates could be recorded; they are dropped")]
    public static partial void CandidatesTooLate(ILogger logger, string jobKey);

    [LoggerMessage(5, LogLevel.Warning, "Ignored JobCreated for job {JobKey} on the stream of tenant {TenantId}: the job belongs to another tenant")]
    public static partial void ForeignJobIgnored(ILogger logger, string jobKey, string tenantId);

    [LoggerMessage(6, LogLevel.Information, "Erased freelancer {FreelancerKey}: {JobCount} jobs pseudonymized, match index row removed: {IndexRowRemoved}, audit event version {AuditVersion}")]
    public static partial void FreelancerErased(ILogger logger, string freelancerKey, int jobCount, bool indexRowRemoved, long auditVersion);
}
