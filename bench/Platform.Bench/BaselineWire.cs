using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Platform.Bench;

/// <summary>
/// The bare wire of <c>remote-baseline</c>, both sides: fixed-size frames <c>[int32 length][int64 correlation id][zero padding]</c>,
/// one coalescing writer loop and one parsing reader loop per socket, no transport library.
/// </summary>
internal static class BaselineWire
{
    public const int RequestBytes = 48;
    public const int ResponseBytes = 16;

    private const int BufferBytes = 64 * 1024;

    /// <summary>Writes a frame for every queued id and sends only when the queue is empty (or the buffer full), as a tuned transport would.</summary>
    public static async Task WriteLoopAsync(Socket socket, ChannelReader<long> ids, int frameBytes)
    {
        // Frames always start at multiples of frameBytes, so the padding bytes are never written and stay zero.
        var buffer = new byte[BufferBytes];
        var length = 0;
        while (await ids.WaitToReadAsync())
        {
            while (ids.TryRead(out var id))
            {
                if (length + frameBytes > buffer.Length)
                {
                    await SendAsync(socket, buffer.AsMemory(0, length));
                    length = 0;
                }

                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), frameBytes - sizeof(int));
                BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length + sizeof(int)), id);
                length += frameBytes;
            }

            await SendAsync(socket, buffer.AsMemory(0, length));
            length = 0;
        }
    }

    /// <summary>Hands the id of every complete frame to <paramref name="onId"/> until the peer ends its stream.</summary>
    public static async Task ReadLoopAsync(Socket socket, Action<long> onId)
    {
        var buffer = new byte[BufferBytes];
        var end = 0;
        int received;
        while ((received = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None)) > 0)
        {
            end += received;
            var start = 0;
            while (end - start >= sizeof(int) + sizeof(long))
            {
                var frameBytes = sizeof(int) + BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
                if (end - start < frameBytes)
                {
                    break;
                }

                onId(BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(start + sizeof(int))));
                start += frameBytes;
            }

            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
        }
    }

    private static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[await socket.SendAsync(bytes, SocketFlags.None)..];
        }
    }
}
