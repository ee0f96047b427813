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

    /// <summary>A W3C trace context follows the flags: trace id (16 bytes), span id (8), trace flags (1).</summary>
    public const byte TraceContextFlag = 2;

    public byte Kind => FrameKind.Request;

    public void WritePayload(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt64(correlationId);
        var trace = request.Extras is Calls.RequestExtras extras ? extras.TraceParent : default;
        var traced = trace.TraceId != default;
        writer.WriteByte((byte)((request.IsOneWay ? OneWayFlag : 0) | (traced ? TraceContextFlag : 0)));
        if (traced)
        {
            WriteTraceContext(writer, trace);
        }

        writer.WriteInt32(RemainingMilliseconds(request, time));
        writer.WriteByte(request.Hops);
        writer.WriteGrainId(request.Target);
        writer.WriteUInt32(request.MethodId);
        request.WriteArgumentsTo(writer);
    }

    private static void WriteTraceContext(WireWriter writer, System.Diagnostics.ActivityContext trace)
    {
        trace.TraceId.CopyTo(writer.Output.GetSpan(16)[..16]);
        writer.Output.Advance(16);
        trace.SpanId.CopyTo(writer.Output.GetSpan(8)[..8]);
        writer.Output.Advance(8);
        writer.WriteByte((byte)trace.TraceFlags);
    }

    public void OnWriteFailed(Exception failure) => onWriteFailed(request, correlationId, failure);

    private static int RemainingMilliseconds(Request request, TimeProvider time)
    {
        var remaining = time.GetElapsedTime(time.GetTimestamp(), request.DeadlineTimestamp);
        return (int)Math.Clamp(remaining.TotalMilliseconds, 1, int.MaxValue);
    }
}
