namespace Platform.Transport;

/// <summary>The peer broke the framing or message rules; the message says how, precisely enough to fix the peer.</summary>
public sealed class WireProtocolException(string message) : Exception(message);
