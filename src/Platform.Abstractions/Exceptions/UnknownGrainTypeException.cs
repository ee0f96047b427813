namespace Platform;

/// <summary>No registered grain class or proxy matches what was asked for.</summary>
public sealed class UnknownGrainTypeException(string message) : PlatformException(message);
