namespace Platform.Testing;

/// <summary>
/// Waits for work that the runtime hands to the thread pool (a deactivation, a reminder tick) to become visible. Time
/// in tests moves with <see cref="ManualTimeProvider"/>; this only covers the hand-off, bounded so a bug fails fast.
/// </summary>
public static class Eventually
{
    public static async Task Until(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(5);
        }
    }
}
