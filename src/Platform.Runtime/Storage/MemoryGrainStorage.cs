using System.Globalization;
using Platform.Persistence;

namespace Platform.Runtime.Storage;

/// <summary>
/// Grain state in the silo's memory, with the same ETag rules as the durable providers so that grains behave the same
/// on both. State is kept serialized: a grain's in-memory object is never shared with storage.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string StateName), GrainStateRecord> _records = [];
    private long _version;

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.TryGetValue((grainId, stateName), out var record) ? record : null);
        }
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CheckEtag(grainId, stateName, expectedEtag);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[(grainId, stateName)] = new GrainStateRecord(data.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CheckEtag(grainId, stateName, expectedEtag);
            _records.Remove((grainId, stateName));
            return Task.CompletedTask;
        }
    }

    private void CheckEtag(GrainId grainId, string stateName, string? expectedEtag)
    {
        var stored = _records.TryGetValue((grainId, stateName), out var record) ? record.Etag : null;
        if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was changed by someone else: this copy expected ETag {expectedEtag ?? "(none)"} but storage has {stored ?? "(none)"}.",
                expectedEtag,
                stored);
        }
    }
}
