using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Platform.Invocation;
using Platform.Runtime.Messaging;
using Platform.Runtime.Tests.Grains;
using Platform.Serialization;
using Platform.Testing;
using Platform.Transport;

namespace Platform.Runtime.Tests.Cluster;

/// <summary>What a silo does with bytes that are not a well-behaved peer: a precise error frame, a closed connection, nothing else harmed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WireProtocolTests : IAsyncLifetime
{
    private const byte ProtocolError = 255;
    private InProcessTestCluster _cluster = null!;

    private Silo Silo => _cluster.PrimarySilo;

    public async Task InitializeAsync() =>
        _cluster = await InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(WireProtocolTests).Assembly)
            .WithClusterSilos(["a"])
            .BuildAndStartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Garbage_instead_of_the_preamble_gets_an_error_and_a_closed_connection()
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        var (kind, payload) = await ReadFrameAsync(socket);
        kind.ShouldBe(ProtocolError);
        Encoding.UTF8.GetString(payload).ShouldContain("not a Platform peer");
        (await ReadToEndAsync(socket)).ShouldBe(0, "the silo closes the connection after the error");
        await SiloStillServesAsync();
    }

    [Fact]
    public async Task A_peer_from_another_cluster_is_refused_by_name()
    {
        using var socket = await ConnectAsync(preamble: true);
        await SendFrameAsync(socket, new HelloMessage(PeerRole.Client, "someone-else", null, "intruder"));
        var (kind, payload) = await ReadFrameAsync(socket);
        kind.ShouldBe(ProtocolError);
        Encoding.UTF8.GetString(payload).ShouldContain("belongs to cluster 'someone-else'");
    }

    [Fact]
    public async Task A_call_before_hello_is_refused()
    {
        using var socket = await ConnectAsync(preamble: true);
        await SendRawFrameAsync(socket, FrameKind.Request, new byte[24]);
        var (kind, payload) = await ReadFrameAsync(socket);
        kind.ShouldBe(ProtocolError);
        Encoding.UTF8.GetString(payload).ShouldBe("expected a Hello frame first, got Request");
    }

    [Fact]
    public async Task An_oversized_frame_is_refused_before_it_is_read()
    {
        using var socket = await ConnectAsync(preamble: true);
        var header = new byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(header, 100 * 1024 * 1024);
        header[4] = FrameKind.Hello;
        await socket.SendAsync(header);
        var (kind, payload) = await ReadFrameAsync(socket);
        kind.ShouldBe(ProtocolError);
        Encoding.UTF8.GetString(payload).ShouldContain("exceeds");
        await SiloStillServesAsync();
    }

    [Fact]
    public async Task A_truncated_frame_harms_nobody_else()
    {
        using (var socket = await ConnectAsync(preamble: true))
        {
            var header = new byte[5];
            BinaryPrimitives.WriteInt32LittleEndian(header, 1000);
            header[4] = FrameKind.Hello;
            await socket.SendAsync(header);
            await socket.SendAsync(new byte[10]);
            socket.Shutdown(SocketShutdown.Send);
            (await ReadToEndAsync(socket)).ShouldBeGreaterThanOrEqualTo(0);
        }

        await SiloStillServesAsync();
    }

    [Fact]
    public async Task An_unknown_method_fails_that_call_only_and_the_connection_stays_usable()
    {
        using var socket = await HelloAsync();
        var target = new GrainId("placedcounter", "wire");
        await SendRawFrameAsync(socket, FrameKind.Request, RequestPayload(correlationId: 41, target, methodId: 0xDEADBEEF, arguments: []));
        var failure = await ReadFaultAsync(socket, expectedCorrelation: 41);
        failure.ShouldBeOfType<UnknownGrainTypeException>().Message.ShouldContain("0xDEADBEEF");

        // Unreadable arguments of a real method: also one failed call, not a dead connection.
        var add = CaptureRequest(proxy => proxy.Add(1));
        await SendRawFrameAsync(socket, FrameKind.Request, RequestPayload(correlationId: 42, target, add.MethodId, arguments: [1, 2]));
        (await ReadFaultAsync(socket, expectedCorrelation: 42)).ShouldBeOfType<WireFormatException>().Message.ShouldContain("ended at offset");

        // And a well-formed call on the same connection works.
        await SendRawFrameAsync(socket, FrameKind.Request, RequestPayload(correlationId: 43, target, add.MethodId, arguments: Arguments(add)));
        var (kind, payload) = await ReadFrameAsync(socket);
        kind.ShouldBe(FrameKind.Response);
        var reader = new WireReader(payload, references: null);
        reader.ReadInt64().ShouldBe(43);
        reader.ReadByte().ShouldBe(ResponseFrame.Success);
        reader.ReadInt32().ShouldBe(1);
    }

    private async Task SiloStillServesAsync() =>
        (await Silo.GrainFactory.GetGrain<IPlacedCounterGrain>($"alive-{Guid.NewGuid():N}").Add(1)).ShouldBe(1);

    private async Task<Socket> ConnectAsync(bool preamble = false)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(Silo.Address.Host, Silo.Address.Port);
        if (preamble)
        {
            await socket.SendAsync("PLT1"u8.ToArray());
        }

        return socket;
    }

    private async Task<Socket> HelloAsync()
    {
        var socket = await ConnectAsync(preamble: true);
        await SendFrameAsync(socket, new HelloMessage(PeerRole.Client, Silo.Runtime.Cluster!.ClusterId, null, "wire-test"));
        var (kind, _) = await ReadFrameAsync(socket);
        kind.ShouldBe(FrameKind.ClusterView, "a silo greets a client with its cluster view");
        return socket;
    }

    private static Request CaptureRequest(Func<IPlacedCounterGrain, Task> call)
    {
        var capture = new CapturingRuntime();
        var registry = new Metadata.GrainTypeRegistry();
        registry.AddAssembly(typeof(WireProtocolTests).Assembly);
        _ = call((IPlacedCounterGrain)registry.GetProxyFactory(typeof(IPlacedCounterGrain))(new GrainId("placedcounter", "x"), capture));
        return capture.Sent.ShouldHaveSingleItem();
    }

    private static byte[] Arguments(Request request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        request.WriteArgumentsTo(new WireWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] RequestPayload(long correlationId, GrainId target, uint methodId, byte[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(buffer);
        writer.WriteInt64(correlationId);
        writer.WriteByte(0);
        writer.WriteInt32(5_000);
        writer.WriteByte(0);
        writer.WriteGrainId(target);
        writer.WriteUInt32(methodId);
        buffer.Write(arguments);
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<Exception> ReadFaultAsync(Socket socket, long expectedCorrelation)
    {
        var (kind, payload) = await ReadFrameAsync(socket);
        kind.ShouldBe(FrameKind.Response);
        return ReadFault(payload, expectedCorrelation);
    }

    private static Exception ReadFault(byte[] payload, long expectedCorrelation)
    {
        var reader = new WireReader(payload, references: null);
        reader.ReadInt64().ShouldBe(expectedCorrelation);
        reader.ReadByte().ShouldBe(ResponseFrame.Fault);
        return ExceptionCodec.Read(ref reader);
    }

    private static Task SendFrameAsync(Socket socket, IOutboundFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        frame.WritePayload(buffer);
        return SendRawFrameAsync(socket, frame.Kind, buffer.WrittenSpan.ToArray());
    }

    private static async Task SendRawFrameAsync(Socket socket, byte kind, byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length + 1);
        frame[4] = kind;
        payload.CopyTo(frame, 5);
        await socket.SendAsync(frame);
    }

    private static async Task<(byte Kind, byte[] Payload)> ReadFrameAsync(Socket socket)
    {
        var header = await ReadExactlyAsync(socket, 5);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        return (header[4], await ReadExactlyAsync(socket, length - 1));
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = 0;
        while (read < count)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (received == 0)
            {
                throw new EndOfStreamException($"the silo closed the connection after {read} of {count} bytes");
            }

            read += received;
        }

        return buffer;
    }

    private static async Task<int> ReadToEndAsync(Socket socket)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var total = 0;
        int received;
        while ((received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            total += received;
        }

        return total;
    }

    private sealed class CapturingRuntime : IGrainCallRuntime
    {
        public List<Request> Sent { get; } = [];

        public IGrainFactory GrainFactory => throw new NotSupportedException();

        public void Send(GrainReference target, Request request) => Sent.Add(request);
    }
}
