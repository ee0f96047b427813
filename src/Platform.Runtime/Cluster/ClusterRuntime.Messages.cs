using Platform.Invocation;
using Platform.Runtime.Messaging;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Cluster;

/// <summary>The silo's side of its connections: who may connect, and what happens to calls that arrive.</summary>
internal sealed partial class ClusterRuntime : IMessageCenter
{
    public IWireReferenceResolver References => _silo.GrainFactory;

    public RequestReader? FindRequestReader(uint methodId) => _silo.Registry.FindRequestReader(methodId);

    public void OnPeerHello(PeerConnection peer, HelloMessage hello)
    {
        if (hello.ClusterId != _options.ClusterId)
        {
            throw new WireProtocolException($"{hello.Describe()} belongs to cluster '{hello.ClusterId}', this silo to '{_options.ClusterId}'");
        }

        if (_fenced)
        {
            throw new WireProtocolException($"silo {Self} was declared dead by the cluster and no longer serves");
        }

        if (hello.Role == PeerRole.Client)
        {
            _clients[hello.ClientId!] = peer;
            peer.TrySend(new ClusterViewFrame(View));
        }
    }

    public void OnInboundCall(PeerConnection peer, Request request)
    {
        if (_fenced)
        {
            request.TryFailCaller(new SiloUnavailableException($"Silo {Self} was declared dead by the cluster and stopped serving.", mayHaveRun: false));
            return;
        }

        _silo.Calls.DispatchInbound(request);
    }

    public void OnOutboundCallFinished(Request request, Exception? failure) => _silo.Calls.ReleaseExtras(request, failure);

    public void OnClusterView(PeerConnection peer, ReadOnlySpan<byte> payload) =>
        throw new WireProtocolException("silos do not accept cluster views from peers; views come from the membership table");

    public void OnPeerClosed(PeerConnection peer, Exception? reason)
    {
        if (peer.Peer is { Role: PeerRole.Client, ClientId: { } clientId })
        {
            _clients.TryRemove(new KeyValuePair<string, PeerConnection>(clientId, peer));
        }
        else if (peer.Peer is { Role: PeerRole.Silo, Silo: { } silo } && _agent is { } agent && reason is not null && View.IsActive(silo))
        {
            agent.ReportUnreachable(silo);
        }
    }
}
