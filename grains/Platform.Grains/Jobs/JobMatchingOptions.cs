namespace Platform.Grains.Jobs;

/// <summary>How a published job makes sure matching ran on it (docs/domain.md, "Matching on publication").</summary>
public sealed class JobMatchingOptions
{
    /// <summary>
    /// How long after publication, and then how often, a job that has no recorded ranking yet publishes its
    /// <see cref="JobCreated"/> again: the first may have been lost with the silo that queued it, or given up after
    /// matching failed for longer than the stream retries delivery. At least Orleans' <c>ReminderOptions.MinimumReminderPeriod</c>
    /// (a minute unless a host lowers it), which the job's reminder is held to.
    /// </summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
