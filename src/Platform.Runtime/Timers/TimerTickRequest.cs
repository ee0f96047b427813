using Platform.Invocation;
using Platform.Runtime.Activations;

namespace Platform.Runtime.Timers;

/// <summary>One tick of a grain timer, queued on the activation like a call so that it runs as a turn of the grain.</summary>
internal sealed class TimerTickRequest(GrainTimer timer) : LifecycleRequest
{
    public GrainTimer Timer { get; } = timer;

    public override string MethodName => "OnTimerTick";

    public override RequestOptions Options => Timer.Options.Interleave ? RequestOptions.AlwaysInterleave : RequestOptions.None;

    public override bool KeepsAlive => Timer.Options.KeepAlive;

    protected override ValueTask InvokeCore(Activation activation) => Timer.InvokeCallbackAsync();
}
