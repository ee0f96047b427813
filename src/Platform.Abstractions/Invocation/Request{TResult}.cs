using Platform.Serialization;

namespace Platform.Invocation;

/// <summary>A call whose method returns <c>Task&lt;TResult&gt;</c> or <c>ValueTask&lt;TResult&gt;</c>.</summary>
public abstract class Request<TResult> : Request
{
    // Continuations run asynchronously so that a caller's code never runs inline on the callee's turn.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ValueTask<TResult> _pending;
    private IRequestObserver? _observer;

    public Task<TResult> Task => _completion.Task;

    internal override bool IsCallerCompleted => _completion.Task.IsCompleted;

    protected abstract ValueTask<TResult> InvokeCore(object grain);

    internal override void Execute(object grain, IRequestObserver observer)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeCore(grain);
        }
        catch (Exception exception)
        {
            Finish(observer, default, exception);
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

    internal override Exception? Failure => _completion.Task.IsFaulted ? _completion.Task.Exception.InnerException : null;

    internal override bool TryFailCaller(Exception exception)
    {
        if (!_completion.TrySetException(exception))
        {
            return false;
        }

        Responder?.OnCompleted(this);
        return true;
    }

    internal override void WriteResult(WireWriter writer) => WireCodec<TResult>.Instance.Write(writer, _completion.Task.Result);

    internal override void CompleteFromWire(ref WireReader reader) => SetResult(WireCodec<TResult>.Instance.Read(ref reader));

    private void SetResult(TResult result)
    {
        if (_completion.TrySetResult(result))
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

    private void Complete(ValueTask<TResult> pending, IRequestObserver observer)
    {
        TResult? result;
        try
        {
            result = pending.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            Finish(observer, default, exception);
            return;
        }

        Finish(observer, result, null);
    }

    private void Finish(IRequestObserver observer, TResult? result, Exception? failure)
    {
        observer.OnRequestFinished(this, failure);
        if (failure is not null)
        {
            TryFailCaller(failure);
        }
        else
        {
            SetResult(result!);
        }
    }
}
