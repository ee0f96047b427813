namespace Platform;

/// <summary>
/// A grain on another silo threw an exception whose type the caller cannot recreate; it keeps the original type name,
/// message and stack trace so that the failure is as clear as a local one.
/// </summary>
public sealed class RemoteGrainException(string remoteType, string message, string? remoteStackTrace) : PlatformException(message)
{
    public string RemoteType { get; } = remoteType;

    public string? RemoteStackTrace { get; } = remoteStackTrace;

    public override string? StackTrace => RemoteStackTrace ?? base.StackTrace;
}
