using Platform.Persistence;
using Platform.Runtime.Storage;

namespace Platform.Grains.Tests.Support;

/// <summary>In-memory storage whose writes fail with an <see cref="IOException"/> while <see cref="FailWrites"/> is set.</summary>
public sealed class FailingGrainStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();

    public bool FailWrites { get; set; }

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        _inner.ReadAsync(grainId, stateName, cancellationToken);

    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken) =>
        FailWrites
            ? throw new IOException($"storage is down (writing {stateName} of {grainId})")
            : _inner.WriteAsync(grainId, stateName, data, expectedEtag, cancellationToken);

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
        _inner.ClearAsync(grainId, stateName, expectedEtag, cancellationToken);
}
