using Platform.Serialization;

namespace Platform.Invocation;

/// <summary>A call whose method returns <c>Task</c>, <c>ValueTask</c> or, for one-way calls, <c>void</c>.</summary>
public abstract class VoidRequest : Request
{
    // Null for the runtime's own turns (activation, deactivation, timer ticks): nobody awaits them as a caller.
    private readonly TaskCompletionSource? _completion;
    private ValueTask _pending;
    private IRequestObserver? _observer;

    protected VoidRequest()
        : this(hasCaller: true)
    {
    }

    private protected VoidRequest(bool hasCaller)
    {
        if (hasCaller)
        {
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public Task Task => _completion?.Task ?? throw new InvalidOperationException("This request is a runtime turn; it has no caller task.");

    internal override bool IsCallerCompleted => _completion is { Task.IsCompleted: true };

    protected abstract ValueTask InvokeCore(object grain);

    internal override void Execute(object grain, IRequestObserver observer)
    {
        ValueTask pending;
        try
        {
            pending = InvokeCore(grain);
        }
        catch (Exception exception)
        {
            Finish(observer, exception);
            return;
        }

        if (pending.IsCompleted)
        {
            Complete(pending, observer);
            return;
        }

        _pending = pending;
        _observer = observer;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnPendingCompleted);
    }

    internal override Exception? Failure => _completion?.Task is { IsFaulted: true } task ? task.Exception.InnerException : null;

    internal override bool TryFailCaller(Exception exception)
    {
        if (_completion is null || !_completion.TrySetException(exception))
        {
            return false;
        }

        Responder?.OnCompleted(this);
        return true;
    }

    internal override void WriteResult(WireWriter writer)
    {
    }

    internal override void CompleteFromWire(ref WireReader reader) => SetResult();

    private void SetResult()
    {
        if (_completion?.TrySetResult() == true)
        {
            Responder?.OnCompleted(this);
        }
    }

    private void OnPendingCompleted()
    {
        var pending = _pending;
        var observer = _observer!;
        _pending = default;
        _observer = null;
        Complete(pending, observer);
    }

    private void Complete(ValueTask pending, IRequestObserver observer)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            Finish(observer, exception);
            return;
        }

        Finish(observer, null);
    }

    private void Finish(IRequestObserver observer, Exception? failure)
    {
        observer.OnRequestFinished(this, failure);
        if (failure is not null)
        {
            TryFailCaller(failure);
        }
        else
        {
            SetResult();
        }
    }
}
