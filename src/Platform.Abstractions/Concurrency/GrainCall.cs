namespace Platform;

/// <summary>Ambient options for calls made in a scope: <c>using (GrainCall.WithTimeout(TimeSpan.FromSeconds(2))) { ... }</c>.</summary>
public static class GrainCall
{
    private static readonly AsyncLocal<TimeSpan?> AmbientTimeout = new();

    internal static TimeSpan? CurrentTimeout => AmbientTimeout.Value;

    /// <summary>Sets the deadline of calls made in this async scope, overriding the silo default but not a method's <see cref="ResponseTimeoutAttribute"/>.</summary>
    public static IDisposable WithTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var previous = AmbientTimeout.Value;
        AmbientTimeout.Value = timeout;
        return new Scope(previous);
    }

    private sealed class Scope(TimeSpan? previous) : IDisposable
    {
        public void Dispose() => AmbientTimeout.Value = previous;
    }
}
