namespace Platform.Orleans.Resilience;

/// <summary>
/// The wall-clock moment after which a client's call must not start running, carried in the RequestContext. Orleans'
/// own time to live is relative and restarts whenever a message is read from a socket, so a request that waited in a
/// frozen silo's buffers (or was forwarded by a gateway that woke up) arrives looking fresh after its caller gave up.
/// </summary>
internal static class CallDeadline
{
    private const string Key = "platform-deadline";

    /// <summary>Clocks of the hosts in one cluster agree this closely (NTP); a call is refused only this long after its deadline.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Stamps the calls made from here on with <paramref name="deadline"/>. Called inside the platform's async call stage,
    /// whose execution context ends when it returns, so the stamp reaches that call's messages only.
    /// </summary>
    public static void Stamp(DateTime deadline) => RequestContext.Set(Key, deadline.Ticks);

    /// <summary>Drops the deadline from the current request context: the work from here on is not the caller's call any more.</summary>
    public static void Clear() => RequestContext.Remove(Key);

    /// <summary>True when the current request carries a deadline that passed (beyond the clock tolerance).</summary>
    public static bool HasExpired(DateTime utcNow, out DateTime deadline)
    {
        if (RequestContext.Get(Key) is long ticks)
        {
            deadline = new DateTime(ticks, DateTimeKind.Utc);
            return utcNow > deadline + ClockTolerance;
        }

        deadline = default;
        return false;
    }
}
