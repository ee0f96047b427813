using System.Buffers;
using System.Buffers.Binary;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>A failure-detector probe or its answer, matched by nonce.</summary>
internal sealed class PingFrame(byte kind, long nonce) : IOutboundFrame
{
    public byte Kind => kind;

    public void WritePayload(IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), nonce);
        output.Advance(8);
    }
}
