namespace Platform.Grains.Jobs;

/// <summary>
/// The job state machine as data: which states allow each action. The grain asks before every action; docs/domain.md
/// shows the same table, and the tests hold their own copy of it so that a change here fails them.
/// </summary>
internal static class JobLifecycle
{
    private static readonly Dictionary<JobAction, JobStatus[]> AllowedFrom = new()
    {
        // A job without a draft allows SaveDraft too (see Allows).
        [JobAction.SaveDraft] = [JobStatus.Draft],
        [JobAction.Publish] = [JobStatus.Draft],
        [JobAction.Apply] = [JobStatus.Open],
        [JobAction.RecordCandidates] = [JobStatus.Open],
        [JobAction.MakeOffer] = [JobStatus.Open],
        [JobAction.AcceptOffer] = [JobStatus.Open],
        [JobAction.Start] = [JobStatus.Filled],
        [JobAction.Complete] = [JobStatus.InProgress],
        [JobAction.Cancel] = [JobStatus.Draft, JobStatus.Open, JobStatus.Filled, JobStatus.InProgress],
        [JobAction.CancelShift] = [JobStatus.Filled, JobStatus.InProgress],
    };

    /// <param name="current">The job's status, or null when it has no draft yet.</param>
    /// <exception cref="IllegalJobTransitionException">The action is not allowed in <paramref name="current"/>.</exception>
    public static void EnsureAllowed(string jobKey, JobStatus? current, JobAction action)
    {
        var allowed = AllowedFrom[action];
        var ok = current is { } status ? allowed.Contains(status) : action == JobAction.SaveDraft;
        if (!ok)
        {
            throw new IllegalJobTransitionException(jobKey, current, action, allowed);
        }
    }
}
