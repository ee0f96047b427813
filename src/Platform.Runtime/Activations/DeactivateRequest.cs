namespace Platform.Runtime.Activations;

/// <summary>The last turn of an activation. Restart discards it without calling grain code; other reasons are graceful.</summary>
internal sealed class DeactivateRequest(DeactivationReason reason, bool graceful, Exception? failQueuedWith) : LifecycleRequest
{
    public DeactivationReason Reason { get; } = reason;

    public bool Graceful { get; } = graceful;

    /// <summary>When set, calls still queued fail with it instead of moving to the next activation.</summary>
    public Exception? FailQueuedWith { get; } = failQueuedWith;

    public override string MethodName => "OnDeactivateAsync";

    protected override ValueTask InvokeCore(object grain) => ((Activation)grain).DeactivateAsync(this);
}
