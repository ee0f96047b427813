using Platform.Invocation;

namespace Platform.Runtime.Activations;

/// <summary>A turn the runtime itself runs on an activation: activation, deactivation or a timer tick.</summary>
internal abstract class LifecycleRequest : VoidRequest
{
    public override string InterfaceName => "Platform.Runtime";

    /// <summary>Whether running it counts as activity that delays idle collection.</summary>
    public virtual bool KeepsAlive => false;
}
