using Platform.Invocation;
using Platform.Runtime.Calls;

namespace Platform.Runtime.Activations;

/// <summary>The mailbox loop: which work item runs next, and running it on the activation's context.</summary>
internal sealed partial class Activation
{
    private bool NothingRunning => _exclusive is null && (_interleaved is null || _interleaved.Count == 0);

    public void Execute()
    {
        var budget = _silo.Options.TurnBudget;
        try
        {
            while (true)
            {
                WorkKind kind;
                Continuation continuation;
                Request? request;
                lock (_lock)
                {
                    kind = TakeNextLocked(out continuation, out request);
                    if (kind == WorkKind.None)
                    {
                        _scheduled = false;
                        return;
                    }
                }

                if (kind == WorkKind.Continuation)
                {
                    RunContinuation(continuation);
                }
                else
                {
                    RunRequest(request!, kind == WorkKind.ExclusiveRequest);
                }

                if (--budget == 0)
                {
                    // Still marked scheduled: yield the thread to other activations and come back.
                    Schedule();
                    return;
                }
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
            RuntimeContext.Current = null;
        }
    }

    /// <summary>Under the lock: claims the right to schedule the activation if it has work it can run now.</summary>
    private bool TryClaimSchedule()
    {
        if (_scheduled || !HasRunnableWorkLocked())
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    private bool HasRunnableWorkLocked()
    {
        if (_ready.Count > 0)
        {
            return true;
        }

        if (NothingRunning && (_lifecycle is not null || (_deactivateOnIdle && _status == ActivationStatus.Active)))
        {
            return true;
        }

        return _status == ActivationStatus.Active && _inbox.Count > 0 && (_inbox.Peek().IsCallerCompleted || CanStartLocked(_inbox.Peek()));
    }

    /// <summary>
    /// Continuations first: they finish turns already running. Then lifecycle turns (activate, deactivate), which run
    /// alone. Then calls, in arrival order, as far as the grain's interleaving rules allow.
    /// </summary>
    private WorkKind TakeNextLocked(out Continuation continuation, out Request? request)
    {
        continuation = default;
        request = null;
        if (_ready.Count > 0)
        {
            continuation = _ready.Dequeue();
            return WorkKind.Continuation;
        }

        if (NothingRunning)
        {
            if (_lifecycle is null && _deactivateOnIdle && _status == ActivationStatus.Active)
            {
                _deactivateOnIdle = false;
                BeginDeactivationLocked(DeactivationReason.ApplicationRequested, graceful: true, failQueuedWith: null);
            }

            if (_lifecycle is not null)
            {
                request = _lifecycle;
                _lifecycle = null;
                request.ExecutionState = RequestExecutionState.Running;
                _exclusive = request;
                return WorkKind.ExclusiveRequest;
            }
        }

        if (_status != ActivationStatus.Active)
        {
            return WorkKind.None;
        }

        while (_inbox.Count > 0)
        {
            var head = _inbox.Peek();
            if (head.IsCallerCompleted)
            {
                // Timed out or cancelled while it waited: the caller has its answer, so the grain never sees it.
                _inbox.Dequeue();
                head.ExecutionState = RequestExecutionState.Dropped;
                _silo.Calls.ReleaseExtras(head);
                continue;
            }

            if (!CanStartLocked(head))
            {
                return WorkKind.None;
            }

            _inbox.Dequeue();
            head.ExecutionState = RequestExecutionState.Running;
            request = head;
            if (RunsExclusively(head))
            {
                _exclusive = head;
                return WorkKind.ExclusiveRequest;
            }

            (_interleaved ??= []).Add(head);
            return WorkKind.InterleavedRequest;
        }

        return WorkKind.None;
    }

    private bool RunsExclusively(Request request) =>
        !Class.IsReentrant && (request.Options & (RequestOptions.ReadOnly | RequestOptions.AlwaysInterleave)) == 0;

    private bool CanStartLocked(Request request)
    {
        if (NothingRunning || Class.IsReentrant || (request.Options & RequestOptions.AlwaysInterleave) != 0)
        {
            return true;
        }

        return (request.Options & RequestOptions.ReadOnly) != 0 && _exclusive is null && OnlyReadOnlyRunning();
    }

    private bool OnlyReadOnlyRunning()
    {
        foreach (var running in _interleaved!)
        {
            if ((running.Options & RequestOptions.ReadOnly) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private void RunRequest(Request request, bool exclusive)
    {
        SynchronizationContext.SetSynchronizationContext(exclusive ? this : new RequestSynchronizationContext(this, request));
        RuntimeContext.Current = request;
        var target = request is LifecycleRequest ? this : _instance!;
        if (_silo.Telemetry.IsTracing)
        {
            _silo.Telemetry.ExecuteTraced(request, target, this);
        }
        else
        {
            request.Execute(target, this);
        }
    }

    private void RunContinuation(in Continuation continuation)
    {
        var context = continuation.Context;
        SynchronizationContext.SetSynchronizationContext(context ?? (SynchronizationContext)this);
        RuntimeContext.Current = context?.Request ?? _exclusive;
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception exception)
        {
            // Awaits never throw here (the state machine captures exceptions); anything else posted to us might.
            RuntimeLog.ContinuationFailed(_silo.Logger, exception, GrainId);
        }
    }
}
