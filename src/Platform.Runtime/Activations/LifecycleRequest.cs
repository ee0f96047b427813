using Platform.Invocation;

namespace Platform.Runtime.Activations;

/// <summary>
/// A turn the runtime itself runs on an activation: activation, deactivation or a timer tick. Nobody awaits these as
/// callers do, so unlike grain calls they carry no completion source: one allocation less per activation.
/// </summary>
internal abstract class LifecycleRequest() : VoidRequest(hasCaller: false)
{
    public override string InterfaceName => "Platform.Runtime";

    /// <summary>Whether running it counts as activity that delays idle collection.</summary>
    public virtual bool KeepsAlive => false;

    protected abstract ValueTask InvokeCore(Activation activation);

    protected sealed override ValueTask InvokeCore(object grain) => InvokeCore((Activation)grain);
}
