using System.Buffers;
using System.Text;

namespace Platform.Transport;

/// <summary>Tells the peer, in words, why this side is closing the connection.</summary>
internal sealed class ErrorFrame(string message) : IOutboundFrame
{
    public const byte ProtocolErrorKind = 255;

    public byte Kind => ProtocolErrorKind;

    public void WritePayload(IBufferWriter<byte> writer)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        writer.Write(bytes);
    }
}
