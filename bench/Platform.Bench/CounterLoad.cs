using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// Steady write load on durable operation logs: each worker appends a fresh operation id to its grains in turn and
/// remembers which ids were acknowledged and which failed. Reading every log back afterwards shows lost writes
/// (acknowledged ids missing), duplicate executions (an id stored twice) and failed calls that ran anyway.
/// </summary>
internal sealed class CounterLoad(IBenchCounterGrain[] grains, int concurrency)
{
    private const int KeptFailureMessages = 5;
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(20);

    private readonly ServedSinceMark _grainsWritten = new(grains.Length);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<(int Grain, Guid Operation)> _acknowledged = [];
    private readonly ConcurrentBag<Guid> _failed = [];
    private List<Task>? _workers;
    private long _ops;

    public long Ops => Interlocked.Read(ref _ops);

    /// <summary>When each failed call failed, in <see cref="Stopwatch"/> ticks.</summary>
    public ConcurrentQueue<long> Failures { get; } = new();

    public ConcurrentQueue<string> FailureMessages { get; } = new();

    /// <summary>
    /// Remembers now (say, the moment a silo was killed) so that <see cref="AllSucceededSinceMark"/> can say when every
    /// grain took a write again; a later mark replaces an earlier one.
    /// </summary>
    public long Mark() => _grainsWritten.Mark();

    /// <summary>When the last grain took its first write after <see cref="Mark"/>, or null if some never did.</summary>
    public long? AllSucceededSinceMark() => _grainsWritten.AllServed();

    public void Start() => _workers = [.. Enumerable.Range(0, concurrency).Select(worker => Task.Run(() => RunAsync(worker)))];

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers ?? []);
    }

    /// <summary>Reads every log back and compares it with what the callers were told.</summary>
    public async Task<LoadVerdict> VerifyAsync()
    {
        var acknowledged = _acknowledged.ToLookup(entry => entry.Grain, entry => entry.Operation);
        var failed = _failed.ToHashSet();
        long lost = 0, duplicates = 0, failedButRan = 0;
        for (var i = 0; i < grains.Length; i++)
        {
            var stored = await grains[i].Operations();
            var distinct = stored.ToHashSet();
            duplicates += stored.Count - distinct.Count;
            failedButRan += distinct.Count(failed.Contains);
            lost += acknowledged[i].Count(operation => !distinct.Contains(operation));
        }

        return new LoadVerdict(lost, duplicates, failedButRan);
    }

    private async Task RunAsync(int worker)
    {
        for (var i = worker % grains.Length; !_stop.IsCancellationRequested; i = (i + concurrency) % grains.Length)
        {
            var operation = Guid.NewGuid();
            try
            {
                await grains[i].Add(operation);
                _grainsWritten.Served(i);
                _acknowledged.Add((i, operation));
                Interlocked.Increment(ref _ops);
            }
            // A database error reaches the caller as itself (the grain's state write failed, PostgreSQL was down); a
            // cancellation is Orleans' "expired before placement" while a dead silo is being declared dead.
            catch (Exception exception) when (exception is OrleansException or TimeoutException or OperationCanceledException or DbException)
            {
                _failed.Add(operation);
                Failures.Enqueue(Stopwatch.GetTimestamp());
                if (FailureMessages.Count < KeptFailureMessages)
                {
                    FailureMessages.Enqueue($"{exception.GetType().Name}: {exception.Message}");
                }

                await Task.Delay(PauseAfterFailure);
            }
        }
    }
}
