namespace Platform.Persistence;

/// <summary>
/// A storage provider: keeps serialized grain state with an ETag and rejects writes whose expected ETag is stale with
/// <see cref="InconsistentStateException"/>. An expected ETag of null means "no record may exist yet".
/// </summary>
public interface IGrainStorage
{
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <returns>The ETag of the record as written.</returns>
    Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken);

    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}
