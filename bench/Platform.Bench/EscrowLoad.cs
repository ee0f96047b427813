using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Bench.Grains;
using Platform.Grains.Escrow;

namespace Platform.Bench;

/// <summary>
/// Workers that take contracts one after another and drive each from Create to Release, repeating a failed call (a
/// lost payment answer, a killed silo) until it succeeds; the silo of zone b is killed when half are released.
/// </summary>
internal sealed class EscrowLoad(BenchCluster cluster, int count, int concurrency)
{
    private const int KeptFailureMessages = 5;
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<string> _failureMessages = new();
    private int _next = -1;
    private int _released;
    private long _failedCalls;

    public LatencySample[] Samples { get; } = [.. Enumerable.Range(0, concurrency).Select(_ => new LatencySample())];

    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    public IReadOnlyCollection<string> FailureMessages => _failureMessages;

    /// <summary>Repeats <paramref name="call"/> until it succeeds or <paramref name="deadline"/> has passed since the first try.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan pause, TimeSpan deadline, Action<Exception>? failed = null)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (IsTransient(error) && Stopwatch.GetElapsedTime(start) < deadline)
            {
                failed?.Invoke(error);
                await Task.Delay(pause);
            }
        }
    }

    public Task RunAsync(TimeSpan deadline) => Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(() => WorkAsync(Samples[worker], deadline))));

    // A refusal or an illegal transition would be a bug of the escrow, not weather: those end the run. The load passes no
    // cancellation token, so a cancellation is Orleans' ("Message expired before placement could complete", while a
    // killed silo is being declared dead).
    private static bool IsTransient(Exception error) =>
        error is OrleansException or TimeoutException or OperationCanceledException or Payments.PaymentOutcomeUnknownException;

    private async Task WorkAsync(LatencySample sample, TimeSpan deadline)
    {
        for (var index = Interlocked.Increment(ref _next); index < count; index = Interlocked.Increment(ref _next))
        {
            var escrow = EscrowScenario.Contract(cluster.Client, index);
            await CallAsync(sample, () => escrow.Create(EscrowScenario.Terms(index)), deadline);
            await CallAsync(sample, () => escrow.Fund("pm_card_visa"), deadline);
            await CallAsync(sample, () => escrow.SubmitWork($"deliverable-{index}"), deadline);
            await CallAsync(sample, escrow.Approve, deadline);
            await CallAsync(sample, escrow.Release, deadline);
            if (Interlocked.Increment(ref _released) == count / 2)
            {
                cluster.Silos[1].Kill();
            }
        }
    }

    private async Task CallAsync(LatencySample sample, Func<Task<EscrowSnapshot>> call, TimeSpan deadline)
    {
        await RetryAsync(
            async () =>
            {
                var begin = Stopwatch.GetTimestamp();
                var snapshot = await call();
                sample.Record(Stopwatch.GetTimestamp() - begin);
                return snapshot;
            },
            RetryPause,
            deadline,
            error =>
            {
                Interlocked.Increment(ref _failedCalls);
                if (_failureMessages.Count < KeptFailureMessages)
                {
                    _failureMessages.Enqueue($"{error.GetType().Name}: {error.Message}");
                }
            });
    }
}
