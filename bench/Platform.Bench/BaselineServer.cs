using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Platform.Bench;

/// <summary>
/// The other process of <c>remote-baseline</c> (hidden mode <c>baseline-server [--port N]</c>): prints its port on
/// stdout, then answers every request frame with a response frame carrying the same correlation id. It exits when its
/// stdin closes, so that it does not outlive a client that died without killing it.
/// </summary>
internal static class BaselineServer
{
    public const string Mode = "baseline-server";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var port = 0;
        if (args is not [] && !(args is ["--port", var value] && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort))
        {
            await Console.Error.WriteLineAsync($"usage: Platform.Bench {Mode} [--port N]; got '{string.Join(' ', args)}'");
            return 2;
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen();
        Console.WriteLine(((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture));

        await Task.WhenAny(AcceptLoopAsync(listener), Console.In.ReadToEndAsync());
        return 0;
    }

    private static async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            var socket = await listener.AcceptAsync();
            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private static async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var responses = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
        var writer = BaselineWire.WriteLoopAsync(socket, responses.Reader, BaselineWire.ResponseBytes);
        try
        {
            await BaselineWire.ReadLoopAsync(socket, id => responses.Writer.TryWrite(id));
        }
        catch (SocketException)
        {
            // The client went away without ending its stream; nothing to answer any more.
        }

        responses.Writer.TryComplete();
        await writer;
        socket.Shutdown(SocketShutdown.Send);
    }
}
