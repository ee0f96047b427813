using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// Steady write load on durable counters: each worker adds 1 to its counters in turn. Keeps, per counter, how many
/// adds were acknowledged and the highest value acknowledged, so that reading every counter back afterwards shows
/// lost writes (stored below an acknowledged value) and extra executions (stored above the acknowledged count).
/// </summary>
internal sealed class CounterLoad(IBenchCounterGrain[] grains, int concurrency)
{
    private readonly long[] _acknowledgedCount = new long[grains.Length];
    private readonly long[] _acknowledgedValue = new long[grains.Length];
    private readonly long[] _firstSuccessAfterMark = new long[grains.Length];
    private long _mark = long.MaxValue;
    private readonly CancellationTokenSource _stop = new();
    private List<Task>? _workers;
    private long _ops;

    public long Ops => Interlocked.Read(ref _ops);

    /// <summary>Counters no earlier run has written: their state lives in a shared database across runs.</summary>
    public static IBenchCounterGrain[] FreshCounters(IGrainFactory factory, int count)
    {
        var first = Random.Shared.NextInt64(1, long.MaxValue / 2);
        return Enumerable.Range(0, count).Select(i => factory.GetGrain<IBenchCounterGrain>(first + i)).ToArray();
    }

    /// <summary>When each failed call failed, in <see cref="Stopwatch"/> ticks.</summary>
    public ConcurrentQueue<long> Failures { get; } = new();

    public ConcurrentQueue<string> FailureMessages { get; } = new();

    /// <summary>Remembers now (say, the moment a silo was killed) so that <see cref="AllSucceededSinceMark"/> can say when every counter took a write again.</summary>
    public long Mark()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _mark, now);
        return now;
    }

    /// <summary>When the last counter took its first write after <see cref="Mark"/>, or null if some never did.</summary>
    public long? AllSucceededSinceMark() => _firstSuccessAfterMark.Any(time => time == 0) ? null : _firstSuccessAfterMark.Max();

    public void Start() => _workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(() => RunAsync(worker))).ToList();

    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_workers ?? []);
    }

    /// <returns>Acknowledged writes missing from storage, and executions beyond the acknowledged ones.</returns>
    public async Task<(long Lost, long Extra)> VerifyAsync()
    {
        long lost = 0, extra = 0;
        for (var i = 0; i < grains.Length; i++)
        {
            var stored = await grains[i].Get();
            lost += Math.Max(0, _acknowledgedValue[i] - stored);
            extra += Math.Max(0, stored - _acknowledgedCount[i]);
        }

        return (lost, extra);
    }

    private async Task RunAsync(int worker)
    {
        for (var i = worker % grains.Length; !_stop.IsCancellationRequested; i = (i + concurrency) % grains.Length)
        {
            try
            {
                var value = await grains[i].Add(1);
                var now = Stopwatch.GetTimestamp();
                if (now > Interlocked.Read(ref _mark))
                {
                    Interlocked.CompareExchange(ref _firstSuccessAfterMark[i], now, 0);
                }

                Interlocked.Increment(ref _acknowledgedCount[i]);
                InterlockedMax(ref _acknowledgedValue[i], value);
                Interlocked.Increment(ref _ops);
            }
            catch (Exception exception) when (exception is PlatformException or TimeoutException)
            {
                Failures.Enqueue(Stopwatch.GetTimestamp());
                if (FailureMessages.Count < 5)
                {
                    FailureMessages.Enqueue(exception.Message);
                }

                await Task.Delay(20);
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
