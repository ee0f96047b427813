using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;
using Platform.Runtime.Activations;

namespace Platform.Runtime.Storage;

/// <summary>Creates persistent state for grain constructors, bound to the named storage provider.</summary>
internal sealed class PersistentStateFactory(IServiceProvider services, SiloOptions options) : IPersistentStateFactory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string? storageName)
        where TState : new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        var name = storageName ?? options.DefaultStorageName;
        var storage = services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"{context.GrainId} asks for state '{stateName}' in grain storage '{name}', but no storage of that name is registered. " +
                $"Register one with silo.AddMemoryGrainStorage(\"{name}\") or a durable provider.");
        var activation = context as Activation;
        var state = new PersistentState<TState>(context.GrainId, stateName, storage, Json, activation?.Silo.Cluster);
        activation?.AddParticipant(state);

        return state;
    }
}
