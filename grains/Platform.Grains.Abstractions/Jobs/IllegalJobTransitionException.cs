namespace Platform.Grains.Jobs;

/// <summary>An action was attempted in a state that does not allow it; the job is unchanged.</summary>
[GenerateSerializer]
[Alias("platform.jobs.IllegalJobTransitionException")]
public sealed class IllegalJobTransitionException : InvalidOperationException
{
    public IllegalJobTransitionException(string jobKey, JobStatus? currentStatus, JobAction action, IReadOnlyList<JobStatus> allowedFrom)
        : base(Describe(jobKey, currentStatus, action, allowedFrom))
    {
        JobKey = jobKey;
        CurrentStatus = currentStatus;
        Action = action;
    }

    [Id(0)]
    public string JobKey { get; }

    /// <summary>The job's status, or null when the job has no draft yet.</summary>
    [Id(1)]
    public JobStatus? CurrentStatus { get; }

    [Id(2)]
    public JobAction Action { get; }

    private static string Describe(string jobKey, JobStatus? current, JobAction action, IReadOnlyList<JobStatus> allowedFrom)
    {
        var state = current is { } status ? $"it is {status}" : "it has no draft yet";
        var allowed = allowedFrom.Count switch
        {
            0 => "never",
            1 => $"only from {allowedFrom[0]}",
            _ => $"only from {string.Join(", ", allowedFrom.Take(allowedFrom.Count - 1))} or {allowedFrom[^1]}",
        };
        return $"Cannot {action} job '{jobKey}': {state}; {action} is allowed {allowed}.";
    }
}
