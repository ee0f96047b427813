namespace Platform.Serialization;

/// <summary>A payload could not be read: truncated, corrupted, or written for another method or type.</summary>
public sealed class WireFormatException(string message) : PlatformException(message);
