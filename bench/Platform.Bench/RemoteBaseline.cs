using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// The transport limit: request/response over loopback to another process through bare sockets, one connection with
/// --concurrency callers each awaiting its reply through a <see cref="TaskCompletionSource"/>, as a runtime's caller would.
/// </summary>
internal static class RemoteBaseline
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var server = await BaselineServerProcess.StartAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));

        // A caller's slot is its correlation id: it has one call in flight at a time.
        var replies = new TaskCompletionSource?[options.Concurrency];
        var requests = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
        var writer = BaselineWire.WriteLoopAsync(socket, requests.Reader, BaselineWire.RequestBytes);
        var reader = BaselineWire.ReadLoopAsync(socket, id => Volatile.Read(ref replies[id])!.SetResult());

        await RunCallersAsync(requests.Writer, replies, TimeSpan.FromSeconds(Math.Min(1, options.DurationSeconds)));
        var (samples, seconds) = await RunCallersAsync(requests.Writer, replies, TimeSpan.FromSeconds(options.DurationSeconds));

        requests.Writer.Complete();
        await writer;
        socket.Shutdown(SocketShutdown.Send);
        await reader;

        var (p50, p99) = LatencySample.Percentiles(samples);
        var result = new BenchResult("remote-baseline", samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
        result.Extra["request_bytes"] = BaselineWire.RequestBytes;
        result.Extra["response_bytes"] = BaselineWire.ResponseBytes;
        return result;
    }

    private static Task<(LatencySample[] Samples, double Seconds)> RunCallersAsync(
        ChannelWriter<long> requests,
        TaskCompletionSource?[] replies,
        TimeSpan duration) =>
        CallerLoops.RunAsync(replies.Length, duration, slot => () =>
        {
            var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref replies[slot], reply);
            requests.TryWrite(slot);
            return reply.Task;
        });
}
