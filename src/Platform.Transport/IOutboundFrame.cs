using System.Buffers;

namespace Platform.Transport;

/// <summary>A frame waiting to be sent. The connection writes its length and kind; the frame writes its payload.</summary>
public interface IOutboundFrame
{
    byte Kind { get; }

    /// <summary>Called on the connection's writer loop, once.</summary>
    void WritePayload(IBufferWriter<byte> writer);
}
