namespace Platform.Timers;

/// <summary>How a grain timer ticks. The next period starts when the previous tick's callback has finished.</summary>
public sealed record GrainTimerOptions
{
    public TimeSpan DueTime { get; init; }

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/> for a timer that fires once.</summary>
    public TimeSpan Period { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Whether ticks may interleave with calls; by default a tick waits its turn like a call.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as activity that keeps the grain from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
