namespace Platform.Runtime.Membership;

/// <summary>
/// Runs a tick every period until stopped: at a fixed rate (a tick that takes part of the period shortens the wait that
/// follows), never overlapping, and surviving any exception a tick throws.
/// </summary>
internal static class PeriodicLoop
{
    public static async Task RunAsync(TimeProvider time, TimeSpan period, Func<CancellationToken, Task> tick, Action<Exception> failed, CancellationToken stopping)
    {
        var wait = period;
        while (await DelayAsync(time, wait, stopping).ConfigureAwait(false))
        {
            var started = time.GetTimestamp();
            try
            {
                await tick(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failed(exception);
            }

            var elapsed = time.GetElapsedTime(started);
            wait = elapsed < period ? period - elapsed : TimeSpan.Zero;
        }
    }

    /// <returns>False once stopping.</returns>
    /// <remarks>
    /// Not <c>Task.Delay(delay, time)</c>: that always resumes on the thread pool, so <c>ManualTimeProvider.Advance</c>
    /// would return before the tick ran. This resumes inline on the timer's thread (when that thread has no
    /// SynchronizationContext), so a test can step time and see every tick that fell due finished, without waiting.
    /// </remarks>
    private static async Task<bool> DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken stopping)
    {
        var elapsed = new TaskCompletionSource();
        using (time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), elapsed, delay, Timeout.InfiniteTimeSpan))
        using (stopping.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), elapsed))
        {
            await elapsed.Task.ConfigureAwait(false);
        }

        return !stopping.IsCancellationRequested;
    }
}
