using System.Buffers;
using Platform.Invocation;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>
/// A call on the wire: correlation id (0 for one-way), remaining time to its deadline in milliseconds (relative, so
/// deadlines hold across machines without synchronised clocks), hop count, target grain, method id, arguments.
/// </summary>
/// <param name="onWriteFailed">Told when the arguments could not be serialized: the call then fails alone, not the connection.</param>
internal sealed class RequestFrame(Request request, long correlationId, TimeProvider time, Action<Request, long, Exception> onWriteFailed) : IFailableFrame
{
    public const byte OneWayFlag = 1;

    public byte Kind => FrameKind.Request;

    public void WritePayload(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt64(correlationId);
        writer.WriteByte(request.IsOneWay ? OneWayFlag : (byte)0);
        writer.WriteInt32(RemainingMilliseconds(request, time));
        writer.WriteByte(request.Hops);
        writer.WriteGrainId(request.Target);
        writer.WriteUInt32(request.MethodId);
        request.WriteArgumentsTo(writer);
    }

    public void OnWriteFailed(Exception failure) => onWriteFailed(request, correlationId, failure);

    private static int RemainingMilliseconds(Request request, TimeProvider time)
    {
        var remaining = time.GetElapsedTime(time.GetTimestamp(), request.DeadlineTimestamp);
        return (int)Math.Clamp(remaining.TotalMilliseconds, 1, int.MaxValue);
    }
}
