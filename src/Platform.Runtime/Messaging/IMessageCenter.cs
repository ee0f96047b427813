using Platform.Invocation;
using Platform.Serialization;

namespace Platform.Runtime.Messaging;

/// <summary>What a <see cref="PeerConnection"/> needs from its owner: the silo's cluster runtime or a client.</summary>
internal interface IMessageCenter
{
    TimeProvider Time { get; }

    IWireReferenceResolver References { get; }

    RequestReader? FindRequestReader(uint methodId);

    /// <summary>Checks the Hello of an accepted connection; throws <see cref="Transport.WireProtocolException"/> to refuse the peer.</summary>
    void OnPeerHello(PeerConnection peer, HelloMessage hello);

    /// <summary>Routes a call that arrived on <paramref name="peer"/>; its response goes back through the request's responder.</summary>
    void OnInboundCall(PeerConnection peer, Request request);

    /// <summary>
    /// A call could not be sent (its connection is closed or could not be made) and so has certainly not run: the owner
    /// may route it again, or fail it. <paramref name="reason"/> explains why it could not be sent.
    /// </summary>
    void OnUndeliverable(Request request, string reason);

    /// <summary>A peer asks this side to give up its activation of <paramref name="grainId"/>; complete the task once it is gone.</summary>
    Task OnHandoffRequestedAsync(GrainId grainId);

    /// <summary>An outbound call ended: answered, failed, timed out or lost with its connection.</summary>
    void OnOutboundCallFinished(Request request, Exception? failure);

    void OnClusterView(PeerConnection peer, ReadOnlySpan<byte> payload);

    void OnPeerClosed(PeerConnection peer, Exception? reason);
}
