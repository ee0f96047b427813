using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Platform.Transport;

/// <summary>
/// One TCP connection carrying length-prefixed frames: [int32 length][byte kind][payload], length counting kind and
/// payload. One read loop hands frames to the handler; one write loop drains the send queue into a single buffer and
/// sends when the queue is empty, so that many small frames in flight cost few system calls.
/// </summary>
public sealed partial class Connection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IFrameHandler _handler;
    private readonly ConnectionOptions _options;
    private readonly bool _accepted;
    private readonly Channel<IOutboundFrame> _outbound = Channel.CreateUnbounded<IOutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;
    private int _loopsRunning = 2;
    private volatile bool _readerStopped;
    private Exception? _closeReason;

    private Connection(Socket socket, IFrameHandler handler, ConnectionOptions options, bool accepted)
    {
        _socket = socket;
        _handler = handler;
        _options = options;
        _accepted = accepted;
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>For the layer above: which peer this connection belongs to.</summary>
    public object? State { get; set; }

    public bool IsConnected => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes once both loops have stopped and the handler was told.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Connects, sends the preamble and starts the loops; fails with a message naming the endpoint.</summary>
    public static async Task<Connection> ConnectAsync(EndPoint endPoint, IFrameHandler handler, ConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token);
            await socket.SendAsync(Preamble.ToArray(), SocketFlags.None, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            var reason = exception is SocketException socketError ? socketError.SocketErrorCode.ToString() : $"no answer within {options.ConnectTimeout}";
            throw new IOException($"Could not connect to {Describe(endPoint)}: {reason}.", exception);
        }

        var connection = new Connection(socket, handler, options, accepted: false);
        connection.Start();
        return connection;
    }

    internal static Connection Accept(Socket socket, IFrameHandler handler, ConnectionOptions options)
    {
        socket.NoDelay = true;
        var connection = new Connection(socket, handler, options, accepted: true);
        connection.Start();
        return connection;
    }

    /// <summary>Queues a frame; never blocks. False once the connection is closing.</summary>
    public bool TrySend(IOutboundFrame frame) => Volatile.Read(ref _closing) == 0 && _outbound.Writer.TryWrite(frame);

    /// <summary>Closes after sending what is queued; idempotent. <paramref name="reason"/> null means an orderly close.</summary>
    public void Close(Exception? reason = null)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        _outbound.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await Completion;
    }

    public override string ToString() => $"connection with {Describe(RemoteEndPoint)}";

    private void Start()
    {
        _ = WriteLoopAsync();
        _ = ReadLoopAsync();
    }

    /// <summary>Sends the peer a protocol error it can read, then closes.</summary>
    private void Violate(string message)
    {
        var exception = new WireProtocolException(message);
        if (Volatile.Read(ref _closing) == 0)
        {
            _outbound.Writer.TryWrite(new ErrorFrame(message));
        }

        Close(exception);
    }

    /// <summary>
    /// The writer owns the socket: it disposes it after flushing (so an error frame queued by the reader still leaves),
    /// which also ends a reader blocked in a receive. A reader that stops first only asks the writer to finish.
    /// </summary>
    private void OnLoopStopped(bool writer)
    {
        if (writer)
        {
            _socket.Dispose();
        }
        else
        {
            _readerStopped = true;
            Close(_closeReason);
        }

        if (Interlocked.Decrement(ref _loopsRunning) != 0)
        {
            return;
        }

        try
        {
            _handler.OnClosed(this, _closeReason);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private static string Describe(EndPoint? endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        null => "an unknown peer",
        _ => endPoint.ToString()!,
    };
}
