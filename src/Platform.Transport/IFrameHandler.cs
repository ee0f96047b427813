namespace Platform.Transport;

/// <summary>Receives what arrives on a connection.</summary>
public interface IFrameHandler
{
    /// <summary>
    /// Called on the connection's read loop once per complete frame, in order; <paramref name="payload"/> is valid only
    /// during the call. Throwing <see cref="WireProtocolException"/> (or anything else) sends a protocol error and closes.
    /// </summary>
    void OnFrame(Connection connection, byte kind, ReadOnlySpan<byte> payload);

    /// <summary>Called exactly once when the connection has closed; <paramref name="reason"/> is null for an orderly close.</summary>
    void OnClosed(Connection connection, Exception? reason);
}
