namespace Platform.Invocation;

/// <summary>A call whose method returns <c>Task</c>, <c>ValueTask</c> or, for one-way calls, <c>void</c>.</summary>
public abstract class VoidRequest : Request
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ValueTask _pending;
    private IRequestObserver? _observer;

    public Task Task => _completion.Task;

    internal override bool IsCallerCompleted => _completion.Task.IsCompleted;

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

    internal override bool TryFailCaller(Exception exception) => _completion.TrySetException(exception);

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
        if (failure is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(failure);
        }
    }
}
