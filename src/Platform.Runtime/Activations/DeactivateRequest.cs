namespace Platform.Runtime.Activations;

/// <summary>The last turn of an activation. Restart discards it without calling grain code; other reasons are graceful.</summary>
internal sealed class DeactivateRequest(DeactivationReason reason, bool graceful, Exception? failQueuedWith) : LifecycleRequest
{
    public DeactivationReason Reason { get; } = reason;

    public bool Graceful { get; } = graceful;

    /// <summary>When set, calls still queued fail with it instead of moving to the next activation.</summary>
    public Exception? FailQueuedWith { get; } = failQueuedWith;

    public override string MethodName => "OnDeactivateAsync";

    /// <summary>Completes when the activation has left the catalog.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void MarkCompleted() => _completion.TrySetResult();

    protected override ValueTask InvokeCore(Activation activation) => activation.DeactivateAsync(this);
}
