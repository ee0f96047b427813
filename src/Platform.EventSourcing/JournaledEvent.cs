namespace Platform.EventSourcing;

/// <summary>An event of a journaled grain's stream with its version and when it was appended: one line of the grain's audit trail.</summary>
[GenerateSerializer]
[Immutable]
public sealed record JournaledEvent<TEvent>([property: Id(0)] long Version, [property: Id(1)] DateTimeOffset Timestamp, [property: Id(2)] TEvent Event);
