using Platform.Invocation;
using Platform.Runtime.Timers;

namespace Platform.Runtime.Activations;

/// <summary>Activation and deactivation turns, and what happens when a call finishes (including supervision).</summary>
internal sealed partial class Activation
{
    private bool _activated;

    internal async ValueTask ActivateAsync()
    {
        if (_silo.Cluster is { } cluster)
        {
            await cluster.AwaitHandoffAsync(GrainId);
        }

        Grain grain;
        GrainConstructionScope.Current = this;
        try
        {
            grain = Class.Activator!(_silo.Services, this);
        }
        finally
        {
            GrainConstructionScope.Current = null;
        }

        _instance = grain;
        var participants = _participants;
        if (participants is not null)
        {
            foreach (var participant in participants)
            {
                await participant.OnActivatingAsync(CancellationToken.None);
            }
        }

        await grain.OnActivatingAsync(CancellationToken.None);
        await grain.OnActivateAsync(CancellationToken.None);
        _activated = true;
    }

    internal async ValueTask DeactivateAsync(DeactivateRequest request)
    {
        DisposeTimers();
        if (request.Graceful && _activated && _instance is Grain grain)
        {
            using var timeout = new CancellationTokenSource(_silo.Options.ShutdownTimeout, _silo.Time);
            try
            {
                await grain.OnDeactivateAsync(request.Reason, timeout.Token);
            }
            catch (Exception exception)
            {
                // The activation goes away regardless; a failing OnDeactivateAsync must not keep it alive.
                RuntimeLog.DeactivationFailed(_silo.Logger, exception, GrainId, request.Reason);
            }
        }
    }

    /// <summary>Starts deactivation; the task completes when the activation has left the catalog.</summary>
    public Task BeginDeactivation(DeactivationReason reason, bool graceful, Exception? failQueuedWith)
    {
        Task completion;
        bool schedule;
        lock (_lock)
        {
            completion = BeginDeactivationLocked(reason, graceful, failQueuedWith);
            schedule = TryClaimSchedule();
        }

        if (schedule)
        {
            Schedule();
        }

        return completion;
    }

    private Task BeginDeactivationLocked(DeactivationReason reason, bool graceful, Exception? failQueuedWith)
    {
        if (_status == ActivationStatus.Invalid)
        {
            return Task.CompletedTask;
        }

        if (_status == ActivationStatus.Deactivating && _pendingDeactivation is not null)
        {
            return _pendingDeactivation.Completion;
        }

        _status = ActivationStatus.Deactivating;
        var deactivation = new DeactivateRequest(reason, graceful, failQueuedWith) { Target = GrainId, Host = this };

        // An activation turn that never started has nothing to undo: deactivation simply replaces it.
        _lifecycle = deactivation;
        _pendingDeactivation = deactivation;
        return deactivation.Completion;
    }

    private DeactivateRequest? _pendingDeactivation;

    public void OnRequestFinished(Request request, Exception? failure)
    {
        var directive = SupervisionDirective.Resume;
        var supervised = failure is not null && request is not ActivateRequest and not DeactivateRequest;
        if (supervised)
        {
            directive = Class.Supervisor.Policy.Decide(failure!);
        }

        bool schedule;
        lock (_lock)
        {
            if (request.ExecutionState == RequestExecutionState.Running)
            {
                request.ExecutionState = RequestExecutionState.Finished;
                if (ReferenceEquals(_exclusive, request))
                {
                    _exclusive = null;
                }
                else
                {
                    _interleaved?.Remove(request);
                }
            }

            if (request is not LifecycleRequest lifecycle || lifecycle.KeepsAlive)
            {
                _touched = true;
            }

            switch (directive)
            {
                case SupervisionDirective.Restart or SupervisionDirective.Escalate:
                    BeginDeactivationLocked(DeactivationReason.SupervisorStopped, graceful: false, failQueuedWith: null);
                    break;
                case SupervisionDirective.Stop:
                    BeginDeactivationLocked(
                        DeactivationReason.SupervisorStopped,
                        graceful: true,
                        new GrainStoppedException(
                            $"{GrainId} was stopped by its supervisor after {request.InterfaceName}.{request.MethodName} failed with {failure!.GetType().Name}: {failure.Message}",
                            failure));
                    break;
            }

            schedule = TryClaimSchedule();
        }

        switch (request)
        {
            case ActivateRequest:
                OnActivationFinished(failure);
                break;
            case DeactivateRequest deactivation:
                OnDeactivationFinished(deactivation);
                break;
            case TimerTickRequest tick:
                tick.Timer.OnTickFinished();
                break;
            case LifecycleRequest:
                break;
            default:
                _silo.Telemetry.OnCallFinished(Class.GrainType, request, failure);
                _silo.Calls.ReleaseExtras(request, failure);
                break;
        }

        if (supervised)
        {
            Class.Supervisor.OnFailure(this, request, failure!, directive);
        }

        if (schedule)
        {
            Schedule();
        }
    }

    private void OnActivationFinished(Exception? failure)
    {
        if (failure is null)
        {
            bool schedule;
            lock (_lock)
            {
                if (_status == ActivationStatus.Activating)
                {
                    _status = ActivationStatus.Active;
                }

                schedule = TryClaimSchedule();
            }

            _silo.Telemetry.OnActivated(Class.GrainType);
            if (schedule)
            {
                Schedule();
            }

            return;
        }

        List<Request> queued;
        DeactivateRequest? pendingDeactivation;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            _lifecycle = null;
            pendingDeactivation = _pendingDeactivation;
            _pendingDeactivation = null;
            queued = _inbox.DrainAll();
        }

        DisposeTimers();
        pendingDeactivation?.MarkCompleted();
        _silo.Catalog.Remove(this);
        RuntimeLog.ActivationFailed(_silo.Logger, failure, GrainId);

        // Callers get the grain's own exception: it says more than any wrapper would.
        foreach (var request in queued)
        {
            request.ExecutionState = RequestExecutionState.Dropped;
            request.TryFailCaller(failure);
            _silo.Calls.ReleaseExtras(request);
        }
    }

    private void OnDeactivationFinished(DeactivateRequest deactivation)
    {
        List<Request> queued;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            _pendingDeactivation = null;
            queued = _inbox.DrainAll();
        }

        _silo.Catalog.Remove(this);
        deactivation.MarkCompleted();
        if (_activated)
        {
            _silo.Telemetry.OnDeactivated(Class.GrainType);
        }

        foreach (var request in queued)
        {
            if (deactivation.FailQueuedWith is { } failure)
            {
                request.ExecutionState = RequestExecutionState.Dropped;
                request.TryFailCaller(failure);
                _silo.Calls.ReleaseExtras(request);
            }
            else
            {
                _silo.Calls.Redispatch(request);
            }
        }
    }

    private void DisposeTimers()
    {
        List<GrainTimer>? timers;
        lock (_lock)
        {
            timers = _timers;
            _timers = null;
        }

        if (timers is not null)
        {
            foreach (var timer in timers)
            {
                timer.Stop();
            }
        }
    }
}
