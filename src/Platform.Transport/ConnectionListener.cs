using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Transport;

/// <summary>Accepts connections on one endpoint and gives each its own handler.</summary>
public sealed class ConnectionListener(IPEndPoint endPoint, Func<Connection, IFrameHandler> handlerFactory, ConnectionOptions options) : IAsyncDisposable
{
    private readonly Socket _socket = new(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private Task? _acceptLoop;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public IReadOnlyCollection<Connection> Connections => (IReadOnlyCollection<Connection>)_connections.Keys;

    /// <summary>Binds and starts accepting; fails with a message naming the endpoint if it is taken.</summary>
    public void Start()
    {
        options.Validate();
        try
        {
            _socket.Bind(endPoint);
            _socket.Listen(512);
        }
        catch (SocketException exception)
        {
            _socket.Dispose();
            throw new IOException($"Could not listen on {endPoint}: {exception.SocketErrorCode}{(exception.SocketErrorCode == SocketError.AddressAlreadyInUse ? " (another process uses the port)" : string.Empty)}.", exception);
        }

        _acceptLoop = AcceptLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (_acceptLoop is { } loop)
        {
            await loop;
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }

        await Task.WhenAll(_connections.Keys.Select(connection => connection.Completion));
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            // The handler is created for a connection that exists; the factory's connection argument is set just after.
            var handler = new DeferredHandler(handlerFactory);
            var connection = Connection.Accept(accepted, handler, options);
            _connections.TryAdd(connection, 0);
            _ = ForgetWhenClosedAsync(connection);
        }
    }

    private async Task ForgetWhenClosedAsync(Connection connection)
    {
        await connection.Completion;
        _connections.TryRemove(connection, out _);
    }

    /// <summary>Creates the real handler on the first callback, when the connection object is known.</summary>
    private sealed class DeferredHandler(Func<Connection, IFrameHandler> factory) : IFrameHandler
    {
        private IFrameHandler? _inner;

        public void OnFrame(Connection connection, byte kind, ReadOnlySpan<byte> payload) =>
            (_inner ??= factory(connection)).OnFrame(connection, kind, payload);

        public void OnClosed(Connection connection, Exception? reason) =>
            (_inner ??= factory(connection)).OnClosed(connection, reason);
    }
}
