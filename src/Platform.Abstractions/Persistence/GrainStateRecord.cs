namespace Platform.Persistence;

/// <summary>A stored state record: its serialized form (UTF-8 JSON) and its ETag.</summary>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Data, string Etag);
