namespace Platform;

/// <summary>Base class of the errors the runtime raises itself, as opposed to errors thrown by grain code.</summary>
public class PlatformException : Exception
{
    public PlatformException(string message)
        : base(message)
    {
    }

    public PlatformException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
