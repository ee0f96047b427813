namespace Platform.EventSourcing;

/// <summary>An event of a journaled grain's stream with its version and when it was appended: one line of the grain's audit trail.</summary>
public sealed record JournaledEvent<TEvent>(long Version, DateTimeOffset Timestamp, TEvent Event);
