using System.Collections.Concurrent;
using Platform.Grains.Alerts;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// A front-end connection in the tests: an <see cref="IAlertObserver"/> that records what it is given (and, with
/// <see cref="Refuse"/>, fails like a connection that closed). Orleans holds observers weakly: keep the recorder referenced.
/// </summary>
public sealed class AlertRecorder(Func<Alert, Task>? onDeliver = null) : IAlertObserver
{
    private readonly ConcurrentQueue<Alert> _received = new();

    private int _attempts;

    public bool Refuse { get; init; }

    public IReadOnlyList<Alert> Received => _received.ToArray();

    /// <summary>Every delivery tried, refused ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public async Task Deliver(Alert alert)
    {
        Interlocked.Increment(ref _attempts);
        if (Refuse)
        {
            throw new InvalidOperationException("The connection is closed.");
        }

        if (onDeliver is not null)
        {
            await onDeliver(alert);
        }

        _received.Enqueue(alert);
    }
}
