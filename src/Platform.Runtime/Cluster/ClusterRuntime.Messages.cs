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

        if (_partitioned)
        {
            throw new WireProtocolException($"silo {Self} is partitioned (test fault)");
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

    /// <summary>The call never left: route it again after a short delay (the view may have changed meanwhile), until its deadline.</summary>
    public void OnUndeliverable(Request request, string reason)
    {
        if (request.Hops > 0)
        {
            request.Hops--;
        }

        var retryAt = Time.GetTimestamp() + (long)(_options.RerouteDelay.TotalSeconds * Time.TimestampFrequency);
        if (request.IsOneWay || _fenced || retryAt >= request.DeadlineTimestamp || request.IsCallerCompleted)
        {
            var failure = new SiloUnavailableException($"Call {request.InterfaceName}.{request.MethodName} to {request.Target} failed: {reason}.", mayHaveRun: false);
            request.TryFailCaller(failure);
            _silo.Calls.ReleaseExtras(request, failure);
            return;
        }

        RuntimeLog.Rerouting(_silo.Logger, request.MethodName, request.Target, reason);
        _ = RerouteLaterAsync(request);
    }

    private async Task RerouteLaterAsync(Request request)
    {
        await Task.Delay(_options.RerouteDelay, Time);
        _silo.Calls.Redispatch(request);
    }

    public void OnClusterView(PeerConnection peer, ReadOnlySpan<byte> payload) =>
        throw new WireProtocolException("silos do not accept cluster views from peers; views come from the membership table");

    public void OnPeerClosed(PeerConnection peer, Exception? reason)
    {
        _accepted.TryRemove(peer, out _);
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
