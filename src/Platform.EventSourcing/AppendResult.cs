namespace Platform.EventSourcing;

/// <summary>The outcome of an append.</summary>
/// <param name="Version">The stream's version after the append (for a duplicate: after the original append).</param>
/// <param name="Duplicate">Whether an earlier append with the same idempotency key already holds the events, so nothing was appended.</param>
public readonly record struct AppendResult(long Version, bool Duplicate);
