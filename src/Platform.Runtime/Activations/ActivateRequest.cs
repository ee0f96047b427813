namespace Platform.Runtime.Activations;

/// <summary>The first turn of an activation: construct the grain, read its state, run OnActivateAsync.</summary>
internal sealed class ActivateRequest : LifecycleRequest
{
    public override string MethodName => "OnActivateAsync";

    protected override ValueTask InvokeCore(Activation activation) => activation.ActivateAsync();
}
