namespace Platform;

/// <summary>The call was queued on an activation that its supervisor stopped after another call failed.</summary>
public sealed class GrainStoppedException(string message, Exception? cause) : PlatformException(message, cause);
