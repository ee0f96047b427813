namespace Platform.Testing;

/// <summary>
/// Waits for work that the runtime hands to the thread pool (a deactivation, a reminder tick) or to other silos (a
/// membership change) to become visible. Time in unit tests moves with <see cref="ManualTimeProvider"/>; this only
/// covers the hand-off, bounded so a bug fails fast instead of hanging.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Task Until(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), because, timeout);

    public static async Task Until(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout ?? DefaultTimeout} waiting until {because}.");
            }

            await Task.Delay(5);
        }
    }
}
