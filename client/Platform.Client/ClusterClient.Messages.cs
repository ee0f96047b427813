using Platform.Invocation;
using Platform.Runtime.Calls;
using Platform.Runtime.Cluster;
using Platform.Runtime.Messaging;
using Platform.Runtime.Placement;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Client;

/// <summary>The client's side of its connections: cluster views in, observer callbacks in, responses out.</summary>
public sealed partial class ClusterClient : IMessageCenter, IWireReferenceResolver
{
    private static readonly TimeSpan RerouteDelay = TimeSpan.FromMilliseconds(100);

    IWireReferenceResolver IMessageCenter.References => this;

    T IWireReferenceResolver.GetReference<T>(GrainId grainId) => (T)_registry.GetProxyFactory(typeof(T))(grainId, this);

    RequestReader? IMessageCenter.FindRequestReader(uint methodId) => _registry.FindRequestReader(methodId);

    void IMessageCenter.OnPeerHello(PeerConnection peer, HelloMessage hello) =>
        throw new WireProtocolException("a client does not accept connections");

    void IMessageCenter.OnInboundCall(PeerConnection peer, Request request)
    {
        if (!_observers.TryGetValue(request.Target, out var observer))
        {
            request.TryFailCaller(new InvalidOperationException(
                $"Observer {request.Target} does not exist on client {ClientId}: it was deleted with DeleteObjectReference or never created here."));
            return;
        }

        // Observer code must not run on the connection's read loop, where it would hold up every other frame.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Request.Execute(state.Observer, ObserverCompletion.Instance), (Request: request, Observer: observer), preferLocal: false);
    }

    public void OnOutboundCallFinished(Request request, Exception? failure)
    {
        if (request.Extras is RequestExtras extras)
        {
            request.Extras = null;
            extras.Cancellation.Dispose();
        }
    }

    /// <summary>The call never left: route it again shortly (a newer view may send it elsewhere), until its deadline.</summary>
    void IMessageCenter.OnUndeliverable(Request request, string reason)
    {
        var retryAt = Time.GetTimestamp() + (long)(RerouteDelay.TotalSeconds * Time.TimestampFrequency);
        if (request.IsOneWay || _disposed.IsCancellationRequested || retryAt >= request.DeadlineTimestamp || request.IsCallerCompleted)
        {
            var failure = new SiloUnavailableException($"Call {request.InterfaceName}.{request.MethodName} to {request.Target} failed: {reason}.", mayHaveRun: false);
            request.TryFailCaller(failure);
            OnOutboundCallFinished(request, failure);
            return;
        }

        _ = RerouteLaterAsync(request);
    }

    /// <summary>Clients host no grains, so there is nothing to hand over.</summary>
    Task IMessageCenter.OnHandoffRequestedAsync(GrainId grainId) => Task.CompletedTask;

    private async Task RerouteLaterAsync(Request request)
    {
        await Task.Delay(RerouteDelay, Time);
        Route(request);
    }

    void IMessageCenter.OnClusterView(PeerConnection peer, ReadOnlySpan<byte> payload)
    {
        var (version, silos) = ClusterViewFrame.Read(payload);
        lock (_viewLock)
        {
            if (version <= _placement.Version)
            {
                return;
            }

            _placement = new ZoneAwarePlacement(version, silos);
            ActiveSilos = silos.Select(entry => entry.Silo).ToList();
        }

        // A silo that left still answers the calls it has; its link closes when it closes the connection.
        foreach (var (silo, link) in _links)
        {
            if (!ActiveSilos.Contains(silo) && (link.Peer?.PendingCount ?? 0) == 0 && _links.TryRemove(silo, out _))
            {
                link.Close();
            }
        }

        _firstView.TrySetResult();
    }

    void IMessageCenter.OnPeerClosed(PeerConnection peer, Exception? reason)
    {
    }

    private sealed class ObserverCompletion : IRequestObserver
    {
        public static readonly ObserverCompletion Instance = new();

        public void OnRequestFinished(Request request, Exception? failure)
        {
        }
    }
}
