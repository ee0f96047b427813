namespace Platform.EventSourcing;

/// <summary>An event to append: its type discriminator and its payload as UTF-8 JSON.</summary>
public sealed record EventData(string Type, ReadOnlyMemory<byte> Data);
