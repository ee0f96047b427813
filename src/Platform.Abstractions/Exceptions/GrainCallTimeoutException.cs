namespace Platform;

/// <summary>A call did not complete before its deadline. The grain may still be running it.</summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);
