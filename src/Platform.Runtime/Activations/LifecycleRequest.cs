using Platform.Invocation;

namespace Platform.Runtime.Activations;

/// <summary>
/// A turn the runtime itself runs on an activation: activation, deactivation or a timer tick. Nobody awaits these as
/// callers do, so unlike grain calls they carry no completion source: one allocation less per activation.
/// </summary>
internal abstract class LifecycleRequest : Request
{
    private ValueTask _pending;
    private IRequestObserver? _observer;

    public override string InterfaceName => "Platform.Runtime";

    /// <summary>Whether running it counts as activity that delays idle collection.</summary>
    public virtual bool KeepsAlive => false;

    internal override bool IsCallerCompleted => false;

    protected abstract ValueTask InvokeCore(Activation activation);

    internal override bool TryFailCaller(Exception exception) => false;

    internal override void Execute(object grain, IRequestObserver observer)
    {
        ValueTask pending;
        try
        {
            pending = InvokeCore((Activation)grain);
        }
        catch (Exception exception)
        {
            observer.OnRequestFinished(this, exception);
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
        Exception? failure = null;
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        observer.OnRequestFinished(this, failure);
    }
}
