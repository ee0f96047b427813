namespace Platform;

/// <summary>Sets the deadline of calls to this interface method, as a <see cref="TimeSpan"/> string such as "00:00:05".</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}
