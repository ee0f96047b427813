namespace Platform.EventSourcing;

/// <summary>A stream's folded state at <paramref name="Version"/>, as UTF-8 JSON: a cache that spares replaying the events up to it.</summary>
public sealed record JournalSnapshot(long Version, ReadOnlyMemory<byte> Data);
