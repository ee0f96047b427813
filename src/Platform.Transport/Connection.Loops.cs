using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Platform.Transport;

public sealed partial class Connection
{
    private const int ReceiveBufferBytes = 64 * 1024;

    /// <summary>Sent by the connecting side first, so that a silo recognises a stray HTTP client or port scanner at once.</summary>
    internal static ReadOnlySpan<byte> Preamble => "PLT1"u8;

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        var buffer = new FrameBuffer(ReceiveBufferBytes);
        var queue = _outbound.Reader;
        try
        {
            while (await queue.WaitToReadAsync())
            {
                while (buffer.Length < _options.SendBatchBytes && queue.TryRead(out var frame))
                {
                    try
                    {
                        buffer.Append(frame, _options.MaxFrameBytes);
                    }
                    catch (Exception exception) when (frame is IFailableFrame failable)
                    {
                        failable.OnWriteFailed(exception);
                    }
                }

                if (buffer.Length > 0)
                {
                    await _socket.SendAsync(buffer.Written, SocketFlags.None);
                    buffer.Reset();
                }
            }

            // Orderly: tell the peer nothing more comes, so it reads what was sent and sees a clean end.
            _socket.Shutdown(SocketShutdown.Send);
            if (_readerStopped && _closeReason is WireProtocolException)
            {
                await DrainAsync();
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
            Close(exception);
        }
        catch (Exception exception)
        {
            // A frame without failure reporting threw while writing its payload: a bug above, not the peer's fault.
            Close(exception);
        }
        finally
        {
            OnLoopStopped(writer: true);
        }
    }

    /// <summary>
    /// After a protocol error the reader has stopped, but the peer may still be sending; closing with unread bytes would
    /// reset the connection and could destroy the error frame before the peer reads it. So read and discard briefly.
    /// </summary>
    private async Task DrainAsync()
    {
        var scratch = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            while (await _socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            // The peer reset or kept talking too long; either way it has had its chance to read the error.
        }
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        var buffer = new byte[ReceiveBufferBytes];
        int start = 0, end = 0;
        var preambleChecked = !_accepted;
        try
        {
            while (Volatile.Read(ref _closing) == 0)
            {
                if (!preambleChecked && end - start >= Preamble.Length)
                {
                    if (!buffer.AsSpan(start, Preamble.Length).SequenceEqual(Preamble))
                    {
                        Violate($"not a Platform peer: expected preamble \"PLT1\", got \"{Printable(buffer.AsSpan(start, Preamble.Length))}\"");
                        return;
                    }

                    start += Preamble.Length;
                    preambleChecked = true;
                }

                var needed = preambleChecked ? ParseFrames(buffer, ref start, end) : Preamble.Length;
                if (needed < 0)
                {
                    return;
                }

                if (start == end)
                {
                    start = end = 0;
                }

                if (buffer.Length - start < needed)
                {
                    var larger = needed > buffer.Length ? new byte[Math.Max(needed, buffer.Length * 2)] : buffer;
                    Buffer.BlockCopy(buffer, start, larger, 0, end - start);
                    end -= start;
                    start = 0;
                    buffer = larger;
                }

                var received = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None);
                if (received == 0)
                {
                    Close(end > start ? Truncated(buffer.AsSpan(start, end - start), preambleChecked) : null);
                    return;
                }

                end += received;
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            Close(exception is ObjectDisposedException ? _closeReason : new IOException($"The {this} failed: {((SocketException)exception).SocketErrorCode}.", exception));
        }
        finally
        {
            OnLoopStopped(writer: false);
        }
    }

    /// <summary>Hands every complete frame in the buffer to the handler; returns the bytes the next frame needs from <paramref name="start"/>, or -1 after a violation.</summary>
    private int ParseFrames(byte[] buffer, ref int start, int end)
    {
        while (end - start >= 4)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
            if (length < 1 || length > _options.MaxFrameBytes)
            {
                Violate(length < 1
                    ? $"frame length {length} is invalid: a frame holds at least its kind byte"
                    : $"frame of {length:N0} bytes exceeds the limit of {_options.MaxFrameBytes:N0} bytes");
                return -1;
            }

            if (end - start - 4 < length)
            {
                return 4 + length;
            }

            var kind = buffer[start + 4];
            var payload = buffer.AsSpan(start + 5, length - 1);
            start += 4 + length;
            if (kind == ErrorFrame.ProtocolErrorKind)
            {
                Close(new WireProtocolException($"peer reported a protocol error: {Encoding.UTF8.GetString(payload)}"));
                return -1;
            }

            try
            {
                _handler.OnFrame(this, kind, payload);
            }
            catch (WireProtocolException exception)
            {
                Violate(exception.Message);
                return -1;
            }
            catch (Exception exception)
            {
                Violate($"frame of kind {kind} could not be handled: {exception.GetType().Name}: {exception.Message}");
                return -1;
            }
        }

        return 4;
    }

    private static WireProtocolException Truncated(ReadOnlySpan<byte> pending, bool preambleChecked)
    {
        if (!preambleChecked)
        {
            return new WireProtocolException($"connection closed during the preamble: received {pending.Length} of 4 bytes");
        }

        if (pending.Length < 4)
        {
            return new WireProtocolException($"connection closed inside a frame's length prefix: received {pending.Length} of 4 bytes");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(pending);
        return new WireProtocolException($"connection closed inside a frame: received {pending.Length - 4} of {length} bytes");
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : $"\\x{b:X2}");
        }

        return text.ToString();
    }
}
