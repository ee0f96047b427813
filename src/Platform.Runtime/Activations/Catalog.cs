using System.Collections.Concurrent;
using Platform.Runtime.Metadata;

namespace Platform.Runtime.Activations;

/// <summary>The activations of one silo by grain id: at most one live activation per grain.</summary>
internal sealed class Catalog(SiloRuntime silo)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public ICollection<Activation> Activations => _activations.Values;

    /// <summary>The live activation of <paramref name="grainId"/>, created (not yet activated) if there is none.</summary>
    public Activation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var grainClass = silo.Registry.GetClass(grainId.Type);
        if (grainClass.IsObserver)
        {
            throw new InvalidOperationException(
                $"Observer {grainId} no longer exists: it was deleted with DeleteObjectReference or its client went away.");
        }

        grainClass.Supervisor.ThrowIfQuarantined();
        return _activations.GetOrAdd(grainId, static (id, state) => new Activation(state.silo, state.grainClass, id), (silo, grainClass));
    }

    public bool TryGet(GrainId grainId, out Activation activation) => _activations.TryGetValue(grainId, out activation!);

    public void AddObserver(Activation observer)
    {
        if (!_activations.TryAdd(observer.GrainId, observer))
        {
            throw new InvalidOperationException($"Observer {observer.GrainId} is already registered.");
        }
    }

    /// <summary>Removes <paramref name="activation"/> only if it is still the one registered for its grain.</summary>
    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    public IEnumerable<Activation> OfClass(GrainClassInfo grainClass) =>
        _activations.Values.Where(activation => ReferenceEquals(activation.Class, grainClass));
}
