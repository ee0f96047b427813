using System.Buffers;
using Platform.Invocation;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>The outcome of a call that arrived over the wire: its result, or its exception as <see cref="ExceptionCodec"/> writes it.</summary>
/// <param name="sendInstead">Sends a replacement frame when the result could not be serialized, so the caller gets an error, not silence.</param>
internal sealed class ResponseFrame(Request request, Func<IOutboundFrame, bool> sendInstead) : IFailableFrame
{
    public const byte Success = 0;
    public const byte Fault = 1;

    public byte Kind => FrameKind.Response;

    public void WritePayload(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt64(request.InboundCorrelationId);
        if (request.Failure is { } failure)
        {
            writer.WriteByte(Fault);
            ExceptionCodec.Write(writer, failure);
            return;
        }

        writer.WriteByte(Success);
        request.WriteResult(writer);
    }

    public void OnWriteFailed(Exception failure) => sendInstead(new FaultFrame(request.InboundCorrelationId, new WireFormatException(
        $"The result of {request.InterfaceName}.{request.MethodName} on {request.Target} could not be serialized: {failure.GetType().Name}: {failure.Message}")));
}
