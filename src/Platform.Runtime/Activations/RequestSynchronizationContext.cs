using Platform.Invocation;

namespace Platform.Runtime.Activations;

/// <summary>
/// The synchronization context of a request that interleaves with others (reentrant grains, [AlwaysInterleave],
/// [ReadOnly]): its continuations still run on the activation, and they know which request, and so which call chain,
/// they belong to. Non-interleaving requests use the activation itself as their context and allocate nothing.
/// </summary>
internal sealed class RequestSynchronizationContext(Activation activation, Request request) : SynchronizationContext
{
    public Request Request { get; } = request;

    public override void Post(SendOrPostCallback d, object? state) => activation.Post(new Continuation(d, state, this));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported on a grain's context: it would block the activation.");

    public override SynchronizationContext CreateCopy() => this;
}
