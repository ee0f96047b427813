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

        foreach (var (silo, link) in _links)
        {
            if (!ActiveSilos.Contains(silo) && _links.TryRemove(silo, out _))
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
