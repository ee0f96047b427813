using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.Transport;

namespace Platform.Transport.Tests;

public sealed class ConnectionTests : IAsyncLifetime
{
    private static readonly ConnectionOptions Options = new() { MaxFrameBytes = 64 * 1024 };
    private readonly ConcurrentQueue<RecordingHandler> _serverHandlers = new();
    private ConnectionListener _listener = null!;

    public Task InitializeAsync()
    {
        _listener = new ConnectionListener(new IPEndPoint(IPAddress.Loopback, 0), _ =>
        {
            var handler = new RecordingHandler(echo: true);
            _serverHandlers.Enqueue(handler);
            return handler;
        }, Options);
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _listener.DisposeAsync();

    [Fact]
    public async Task Many_calls_in_flight_come_back_complete_and_in_order()
    {
        var client = new RecordingHandler();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expected = 256 * 40;
        client.OnEachFrame = (_, _) =>
        {
            if (client.Frames.Count == expected)
            {
                done.TrySetResult();
            }
        };
        await using var connection = await Connection.ConnectAsync(_listener.LocalEndPoint, client, Options, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 256).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                connection.TrySend(BytesFrame.WithId(1, (sender * 1000) + i, 48)).ShouldBeTrue();
            }
        })));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var ids = client.Frames.Select(frame => BinaryPrimitives.ReadInt64LittleEndian(frame.Payload)).ToList();
        ids.Count.ShouldBe(expected);
        ids.Distinct().Count().ShouldBe(expected);
        foreach (var sender in ids.GroupBy(id => id / 1000))
        {
            sender.ToList().ShouldBe(sender.Order().ToList(), "frames of one sender keep their order");
        }
    }

    [Fact]
    public async Task A_frame_at_the_size_limit_passes()
    {
        var client = new RecordingHandler();
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnEachFrame = (_, payload) => received.TrySetResult(payload);
        await using var connection = await Connection.ConnectAsync(_listener.LocalEndPoint, client, Options, CancellationToken.None);
        var big = Enumerable.Range(0, Options.MaxFrameBytes - 1).Select(i => (byte)i).ToArray();
        connection.TrySend(new BytesFrame(1, big)).ShouldBeTrue();
        (await received.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(big);
    }

    [Fact]
    public async Task An_oversized_frame_gets_a_precise_error_and_the_listener_keeps_serving()
    {
        using (var socket = await RawAsync(preamble: true))
        {
            var header = new byte[5];
            BinaryPrimitives.WriteInt32LittleEndian(header, 5_242_880);
            header[4] = 1;
            await socket.SendAsync(header);
            (await ReadErrorAsync(socket)).ShouldBe("frame of 5,242,880 bytes exceeds the limit of 65,536 bytes");
        }

        (await WaitForServerCloseAsync()).ShouldBeOfType<WireProtocolException>();
        await EchoWorksAsync();
    }

    [Fact]
    public async Task A_zero_length_frame_is_refused()
    {
        using var socket = await RawAsync(preamble: true);
        await socket.SendAsync(new byte[4]);
        (await ReadErrorAsync(socket)).ShouldBe("frame length 0 is invalid: a frame holds at least its kind byte");
    }

    [Fact]
    public async Task Garbage_instead_of_the_preamble_is_named()
    {
        using var socket = await RawAsync(preamble: false);
        await socket.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        (await ReadErrorAsync(socket)).ShouldBe("not a Platform peer: expected preamble \"PLT1\", got \"GET \"");
        var binary = await RawAsync(preamble: false);
        await binary.SendAsync(new byte[] { 0, 1, 0xFF, 0x41 });
        (await ReadErrorAsync(binary)).ShouldBe("not a Platform peer: expected preamble \"PLT1\", got \"\\x00\\x01\\xFFA\"");
        binary.Dispose();
    }

    [Fact]
    public async Task A_truncated_frame_closes_with_what_was_missing()
    {
        using (var socket = await RawAsync(preamble: true))
        {
            var partial = new byte[4 + 10];
            BinaryPrimitives.WriteInt32LittleEndian(partial, 100);
            await socket.SendAsync(partial);
            socket.Shutdown(SocketShutdown.Both);
        }

        var reason = await WaitForServerCloseAsync();
        reason.ShouldBeOfType<WireProtocolException>().Message.ShouldBe("connection closed inside a frame: received 10 of 100 bytes");
    }

    [Fact]
    public async Task A_handler_that_rejects_a_frame_sends_its_message_to_the_peer()
    {
        var server = new RejectingHandler();
        await using var listener = new ConnectionListener(new IPEndPoint(IPAddress.Loopback, 0), _ => server, Options);
        listener.Start();
        var client = new RecordingHandler();
        await using var connection = await Connection.ConnectAsync(listener.LocalEndPoint, client, Options, CancellationToken.None);
        connection.TrySend(new BytesFrame(9, [1])).ShouldBeTrue();
        var reason = await client.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        reason.ShouldBeOfType<WireProtocolException>().Message.ShouldBe("peer reported a protocol error: kind 9 is not spoken here");
        connection.TrySend(new BytesFrame(1, [1])).ShouldBeFalse("a closed connection takes no more frames");
        client.ClosedCount.ShouldBe(1);
    }

    [Fact]
    public async Task Close_is_idempotent_and_reports_once()
    {
        var client = new RecordingHandler();
        var connection = await Connection.ConnectAsync(_listener.LocalEndPoint, client, Options, CancellationToken.None);
        connection.Close();
        connection.Close(new InvalidOperationException("second"));
        await connection.DisposeAsync();
        (await client.Closed.Task).ShouldBeNull("an orderly close has no reason");
        client.ClosedCount.ShouldBe(1);
        connection.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_names_the_endpoint()
    {
        var port = _listener.LocalEndPoint.Port;
        await _listener.DisposeAsync();
        var error = await Should.ThrowAsync<IOException>(() =>
            Connection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), new RecordingHandler(), Options, CancellationToken.None));
        error.Message.ShouldBe($"Could not connect to 127.0.0.1:{port}: ConnectionRefused.");
    }

    [Fact]
    public void Backoff_doubles_up_to_its_cap_and_resets()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();
        delays[0].ShouldBeInRange(80, 100);
        delays[1].ShouldBeInRange(160, 200);
        delays[2].ShouldBeInRange(320, 400);
        delays.Skip(4).ShouldAllBe(delay => delay >= 800 && delay <= 1000);
        backoff.Reset();
        backoff.Next().TotalMilliseconds.ShouldBeInRange(80, 100);
    }

    [Fact]
    public void Options_name_the_bad_value()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ConnectionOptions { MaxFrameBytes = 3 }.Validate())
            .Message.ShouldStartWith("ConnectionOptions.MaxFrameBytes must be at least 16; it is 3.");
        Should.Throw<ArgumentOutOfRangeException>(() => new ConnectionOptions { ConnectTimeout = TimeSpan.Zero }.Validate())
            .Message.ShouldStartWith("ConnectionOptions.ConnectTimeout must be greater than zero");
    }

    private async Task EchoWorksAsync()
    {
        var client = new RecordingHandler();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnEachFrame = (_, _) => received.TrySetResult();
        await using var connection = await Connection.ConnectAsync(_listener.LocalEndPoint, client, Options, CancellationToken.None);
        connection.TrySend(BytesFrame.WithId(1, 1, 8));
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task<Exception?> WaitForServerCloseAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_serverHandlers.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return await _serverHandlers.Last().Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task<Socket> RawAsync(bool preamble)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_listener.LocalEndPoint);
        if (preamble)
        {
            await socket.SendAsync("PLT1"u8.ToArray());
        }

        return socket;
    }

    private static async Task<string> ReadErrorAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<byte>();
        var buffer = new byte[1024];
        int count;
        while ((count = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.AddRange(buffer.Take(count));
        }

        var bytes = received.ToArray();
        bytes.Length.ShouldBeGreaterThan(5, "the peer sends an error frame before it closes");
        bytes[4].ShouldBe((byte)255);
        BinaryPrimitives.ReadInt32LittleEndian(bytes).ShouldBe(bytes.Length - 4);
        return Encoding.UTF8.GetString(bytes, 5, bytes.Length - 5);
    }

    private sealed class RejectingHandler : IFrameHandler
    {
        public void OnFrame(Connection connection, byte kind, ReadOnlySpan<byte> payload) =>
            throw new WireProtocolException($"kind {kind} is not spoken here");

        public void OnClosed(Connection connection, Exception? reason)
        {
        }
    }
}
