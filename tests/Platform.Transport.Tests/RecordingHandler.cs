using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using Platform.Transport;

namespace Platform.Transport.Tests;

/// <summary>Echoes request frames (kind 1) as responses (kind 2) and records everything else.</summary>
internal sealed class RecordingHandler(bool echo = false) : IFrameHandler
{
    public ConcurrentQueue<(byte Kind, byte[] Payload)> Frames { get; } = new();

    public TaskCompletionSource<Exception?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ClosedCount;

    public Action<byte, byte[]>? OnEachFrame { get; set; }

    public void OnFrame(Connection connection, byte kind, ReadOnlySpan<byte> payload)
    {
        var copy = payload.ToArray();
        if (echo && kind == 1)
        {
            connection.TrySend(new BytesFrame(2, copy));
            return;
        }

        Frames.Enqueue((kind, copy));
        OnEachFrame?.Invoke(kind, copy);
    }

    public void OnClosed(Connection connection, Exception? reason)
    {
        Interlocked.Increment(ref ClosedCount);
        Closed.TrySetResult(reason);
    }
}

internal sealed class BytesFrame(byte kind, byte[] payload) : IOutboundFrame
{
    public byte Kind => kind;

    public void WritePayload(IBufferWriter<byte> writer) => writer.Write(payload);

    public static BytesFrame WithId(byte kind, long id, int size)
    {
        var payload = new byte[Math.Max(8, size)];
        BinaryPrimitives.WriteInt64LittleEndian(payload, id);
        return new BytesFrame(kind, payload);
    }
}
