using System.Text.Json;
using Platform.Persistence;
using Platform.Runtime.Activations;

namespace Platform.Runtime.Storage;

/// <summary>One named piece of a grain's durable state, serialized as JSON, read before the grain activates.</summary>
/// <param name="cluster">The silo's cluster membership, if any: a silo declared dead must not write anymore.</param>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage, JsonSerializerOptions json, Cluster.ClusterRuntime? cluster = null)
    : IPersistentState<TState>, IActivationParticipant
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public Task OnActivatingAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(grainId, stateName, cancellationToken);
        if (record is null)
        {
            State = new TState();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = JsonSerializer.Deserialize<TState>(record.Data.Span, json)
            ?? throw new InvalidOperationException($"State '{stateName}' of {grainId} is stored as JSON null; expected a {typeof(TState).Name}.");
        Etag = record.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFenced();
        var data = JsonSerializer.SerializeToUtf8Bytes(State, json);
        Etag = await storage.WriteAsync(grainId, stateName, data, Etag, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFenced();
        await storage.ClearAsync(grainId, stateName, Etag, cancellationToken);
        State = new TState();
        Etag = null;
        RecordExists = false;
    }

    /// <summary>A fenced silo's activations are zombies: another silo owns their grains now and must be the only writer.</summary>
    private void ThrowIfFenced()
    {
        if (cluster is { IsFenced: true } fenced)
        {
            throw new SiloUnavailableException(
                $"State '{stateName}' of {grainId} was not written: silo {fenced.Self} was declared dead by the cluster and another silo owns the grain now.",
                mayHaveRun: false);
        }
    }
}
