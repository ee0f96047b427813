namespace Platform.Transport;

/// <summary>
/// Reconnect delays that double from <see cref="Initial"/> up to <see cref="Maximum"/>, each with up to 20 % random
/// jitter so that many peers losing the same silo do not reconnect in lock step.
/// </summary>
public sealed class ExponentialBackoff(TimeSpan? initial = null, TimeSpan? maximum = null, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    public TimeSpan Initial { get; } = initial ?? TimeSpan.FromMilliseconds(50);

    public TimeSpan Maximum { get; } = maximum ?? TimeSpan.FromSeconds(5);

    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt++, 30);
        var delay = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), Maximum.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + (_random.NextDouble() * 0.2)));
    }

    public void Reset() => _attempt = 0;
}
