using System.Collections.Concurrent;
using Orleans.Serialization.Invocation;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// Passes a call chain from a caller to a callee active on the same silo beside the request, not in
/// <see cref="RequestContext"/>: Orleans hands a local callee the caller's request object itself, so the callee's
/// incoming filter finds the chain under that object and nothing is copied.
/// </summary>
internal sealed class CallChainHandoff(ILocalActivationStatusChecker activations)
{
    private readonly ConcurrentDictionary<IInvokable, CallChain> _offered = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// True when the target is active here now. It may still move before the call arrives; its callee then starts a
    /// chain of its own, so a cycle through it is missed (it waits for the response timeout) but none is invented.
    /// </summary>
    public bool IsLocal(GrainId target) => activations.IsLocallyActivated(target);

    public void Offer(IInvokable request, CallChain chain) => _offered[request] = chain;

    public CallChain? Take(IInvokable request) => _offered.TryRemove(request, out var chain) ? chain : null;

    /// <summary>
    /// Removes an offer the callee did not take (the call never reached it). Only this call's own offer: Orleans pools
    /// request objects, so the same object may already carry another call's.
    /// </summary>
    public void Withdraw(IInvokable request, CallChain chain) => _offered.TryRemove(KeyValuePair.Create(request, chain));
}
