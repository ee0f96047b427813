using System.Buffers;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>A failure response for a call that never became a request object (unknown method, unreadable arguments).</summary>
internal sealed class FaultFrame(long correlationId, Exception failure) : IOutboundFrame
{
    public byte Kind => FrameKind.Response;

    public void WritePayload(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt64(correlationId);
        writer.WriteByte(ResponseFrame.Fault);
        ExceptionCodec.Write(writer, failure);
    }
}
