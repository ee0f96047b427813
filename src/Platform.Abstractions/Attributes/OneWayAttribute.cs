namespace Platform;

/// <summary>The caller does not wait for the method: it returns as soon as the call is queued and never sees a failure.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
