namespace Platform;

/// <summary>
/// The silo or gateway a call was sent to could not be reached, or its connection closed before the response came.
/// <see cref="MayHaveRun"/> tells whether the call had already left: only calls that never left are safe to retry blindly.
/// </summary>
public sealed class SiloUnavailableException(string message, bool mayHaveRun) : PlatformException(message)
{
    public bool MayHaveRun { get; } = mayHaveRun;
}
