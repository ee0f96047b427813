using Platform.Runtime.Activations;
using Platform.Timers;

namespace Platform.Runtime.Timers;

/// <summary>
/// A grain timer on the silo's <see cref="TimeProvider"/>. Ticks never overlap: the timer is re-armed only when the
/// previous tick's turn has finished, so a slow callback delays the next tick instead of piling up turns.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Lock _lock = new();
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _stopped = new();
    private ITimer? _timer;
    private bool _tickPending;
    private bool _disposed;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        ValidatePeriod(options.DueTime, nameof(options.DueTime));
        ValidatePeriod(options.Period, nameof(options.Period));
        _activation = activation;
        _callback = callback;
        Options = options;
    }

    public GrainTimerOptions Options { get; private set; }

    public void Start()
    {
        lock (_lock)
        {
            _timer = _activation.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).OnDue(), this, Options.DueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Options = Options with { DueTime = dueTime, Period = period };
            if (!_tickPending)
            {
                _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    /// <summary>Stops ticking and cancels a running callback's token; called on dispose and on deactivation.</summary>
    internal void Stop()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
        }

        _stopped.Cancel();
    }

    internal ValueTask InvokeCallbackAsync() => new(_callback(_stopped.Token));

    internal void OnTickFinished()
    {
        lock (_lock)
        {
            _tickPending = false;
            if (!_disposed && Options.Period != Timeout.InfiniteTimeSpan)
            {
                _timer?.Change(Options.Period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnDue()
    {
        lock (_lock)
        {
            if (_disposed || _tickPending)
            {
                return;
            }

            _tickPending = true;
        }

        var tick = new TimerTickRequest(this) { Target = _activation.GrainId, DeadlineTimestamp = long.MaxValue };
        switch (_activation.Enqueue(tick, out _))
        {
            case EnqueueOutcome.Queued:
                break;
            case EnqueueOutcome.Rejected:
                RuntimeLog.TimerTickSkipped(_activation.Logger, _activation.GrainId, "its mailbox is full");
                OnTickFinished();
                break;
            default:
                Stop();
                break;
        }
    }

    private static void ValidatePeriod(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"A grain timer's {name} must be zero or more, or Timeout.InfiniteTimeSpan; it is {value}.");
        }
    }
}
