using System.Buffers;
using System.Buffers.Binary;

namespace Platform.Transport;

/// <summary>
/// The writer loop's send buffer: frames are appended with their header back-filled once the payload is written, so a
/// batch of frames leaves in one send without a copy per frame.
/// </summary>
internal sealed class FrameBuffer(int initialCapacity) : IBufferWriter<byte>
{
    private const int HeaderBytes = 5;
    private byte[] _buffer = new byte[initialCapacity];
    private int _written;

    public int Length => _written;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    public void Reset() => _written = 0;

    /// <summary>Appends one frame; on failure (the payload threw, or is too big) nothing of it stays in the buffer.</summary>
    public void Append(IOutboundFrame frame, int maxFrameBytes)
    {
        var start = _written;
        EnsureCapacity(HeaderBytes);
        _written += HeaderBytes;
        try
        {
            frame.WritePayload(this);
        }
        catch
        {
            _written = start;
            throw;
        }

        var length = _written - start - 4;
        if (length > maxFrameBytes)
        {
            _written = start;
            throw new WireProtocolException($"an outgoing {frame.GetType().Name} of {length:N0} bytes exceeds the limit of {maxFrameBytes:N0} bytes");
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), length);
        _buffer[start + 4] = frame.Kind;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_written);
    }

    private void EnsureCapacity(int needed)
    {
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + needed));
    }
}
