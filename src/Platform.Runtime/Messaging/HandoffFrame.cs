using System.Buffers;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>Asks the previous owner of a grain to deactivate it before this side activates it (answered by HandoffDone with the nonce).</summary>
internal sealed class HandoffFrame(long nonce, GrainId grainId) : IOutboundFrame
{
    public byte Kind => FrameKind.Handoff;

    public void WritePayload(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt64(nonce);
        writer.WriteGrainId(grainId);
    }
}
