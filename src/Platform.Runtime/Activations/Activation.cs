using Platform.Invocation;
using Platform.Reminders;
using Platform.Runtime.Metadata;
using Platform.Runtime.Reminders;
using Platform.Runtime.Timers;
using Platform.Timers;

namespace Platform.Runtime.Activations;

/// <summary>
/// One live instance of a grain: its mailbox, its turn scheduler and its lifecycle. It is its own synchronization
/// context, so awaits inside grain code resume here and turns never run in parallel; it is its own thread-pool work
/// item, so scheduling it allocates nothing. The partial files split scheduling, lifecycle and sweeping.
/// </summary>
internal sealed partial class Activation : SynchronizationContext, IThreadPoolWorkItem, IGrainContext, IRequestObserver
{
    // The activation is its own monitor: a separate lock object would be one more object per activation for the
    // garbage collector to trace, and measured slower at a million activations. Nothing outside locks on it.
    private Activation _lock => this;
    private readonly SiloRuntime _silo;
    private WorkQueue<Request> _inbox;
    private WorkQueue<Continuation> _ready;
    private ActivationStatus _status;
    private bool _scheduled;
    private bool _touched;
    private bool _deactivateOnIdle;
    private Request? _exclusive;
    private List<Request>? _interleaved;
    private Request? _lifecycle;
    private object? _instance;
    private List<IActivationParticipant>? _participants;
    private List<GrainTimer>? _timers;
    private long _idleSinceTimestamp;
    private long _keepAliveUntilTimestamp;

    public Activation(SiloRuntime silo, GrainClassInfo grainClass, GrainId grainId)
    {
        _silo = silo;
        Class = grainClass;
        GrainId = grainId;
        _idleSinceTimestamp = silo.Time.GetTimestamp();
        _lifecycle = new ActivateRequest { Target = grainId, Host = this };
    }

    /// <summary>An activation for an observer: the object exists already, so there is nothing to activate.</summary>
    public Activation(SiloRuntime silo, GrainClassInfo observerClass, GrainId grainId, object observer)
    {
        _silo = silo;
        Class = observerClass;
        GrainId = grainId;
        _instance = observer;
        _status = ActivationStatus.Active;
        _idleSinceTimestamp = silo.Time.GetTimestamp();
    }

    public GrainClassInfo Class { get; }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _silo.GrainFactory;

    public IServiceProvider Services => _silo.Services;

    public TimeProvider TimeProvider => _silo.Time;

    public IReminderRegistry Reminders => new GrainReminderRegistry(_silo.Reminders, GrainId, _instance);

    public object? Instance => _instance;

    internal Microsoft.Extensions.Logging.ILogger Logger => _silo.Logger;

    public bool IsValid => _status != ActivationStatus.Invalid;

    internal ActivationStatus Status => _status;

    internal SiloRuntime Silo => _silo;

    /// <summary>Calls running or waiting here; read without the lock, as a hint for spreading stateless worker calls.</summary>
    internal int Load => (_exclusive is null ? 0 : 1) + _inbox.Count;

    /// <summary>Queues a call, or says why not: <paramref name="rejection"/> goes to the caller.</summary>
    public EnqueueOutcome Enqueue(Request request, out Exception? rejection)
    {
        bool schedule;
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                rejection = null;
                return EnqueueOutcome.Redirect;
            }

            rejection = FindDeadlock(request);
            if (rejection is not null)
            {
                return EnqueueOutcome.Rejected;
            }

            if (_inbox.Count >= Class.MailboxCapacity)
            {
                rejection = new MailboxFullException(
                    $"Call {request.InterfaceName}.{request.MethodName} to {GrainId} was rejected: its mailbox already holds {_inbox.Count} queued calls (capacity {Class.MailboxCapacity}).");
                return EnqueueOutcome.Rejected;
            }

            request.Host = this;
            _inbox.Enqueue(request);
            schedule = TryClaimSchedule();
        }

        if (schedule)
        {
            Schedule();
        }

        return EnqueueOutcome.Queued;
    }

    public override void Post(SendOrPostCallback d, object? state) => Post(new Continuation(d, state, null));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported on a grain's context: it would block the activation.");

    public override SynchronizationContext CreateCopy() => this;

    internal void Post(Continuation continuation)
    {
        bool schedule;
        lock (_lock)
        {
            _ready.Enqueue(continuation);
            schedule = TryClaimSchedule();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Invalid)
            {
                throw new InvalidOperationException($"Cannot register a timer on {GrainId}: it is deactivating.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    public void DeactivateOnIdle()
    {
        bool schedule;
        lock (_lock)
        {
            _deactivateOnIdle = true;
            schedule = TryClaimSchedule();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    public void DelayDeactivation(TimeSpan period)
    {
        var until = _silo.Time.GetTimestamp() + _silo.ToTimestampTicks(period);
        lock (_lock)
        {
            _keepAliveUntilTimestamp = Math.Max(_keepAliveUntilTimestamp, until);
        }
    }

    internal void AddParticipant(IActivationParticipant participant)
    {
        lock (_lock)
        {
            (_participants ??= []).Add(participant);
        }
    }

    public override string ToString() => $"Activation {GrainId} ({_status})";
}
