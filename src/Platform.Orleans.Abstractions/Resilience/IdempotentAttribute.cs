namespace Platform.Orleans.Resilience;

/// <summary>
/// Marks a grain interface method whose second execution has the same effect as one (a read, or a write that sets a
/// value rather than adding to it). The platform's call retry re-sends such a call even when the first attempt may
/// have run (its silo died while the call was pending, or the connection broke after sending it); every other method
/// is re-sent only when Orleans proved the call never started.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class IdempotentAttribute : Attribute;
