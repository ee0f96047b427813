using Platform.Runtime.Metadata;

namespace Platform.Runtime.Activations;

/// <summary>
/// The activations of one silo by grain id: at most one live activation per grain. Sharded plain dictionaries rather
/// than a ConcurrentDictionary: entries live inline in arrays instead of one node object per activation, which
/// halves what the garbage collector must trace for a million activations; look-ups are rare on the call path
/// because references cache their route.
/// </summary>
internal sealed class Catalog(SiloRuntime silo)
{
    private const int ShardCount = 64;
    private readonly Shard[] _shards = Enumerable.Range(0, ShardCount).Select(_ => new Shard()).ToArray();
    private readonly StatelessWorkerPools _workers = new(silo);

    public int Count => _shards.Sum(shard => shard.Count) + _workers.Count;

    /// <summary>A snapshot of every activation.</summary>
    public List<Activation> Activations
    {
        get
        {
            var all = new List<Activation>();
            foreach (var shard in _shards)
            {
                shard.CopyTo(all);
            }

            _workers.CopyTo(all);
            return all;
        }
    }

    /// <summary>The live activation of <paramref name="grainId"/>, created (not yet activated) if there is none.</summary>
    public Activation GetOrCreate(GrainId grainId)
    {
        var shard = ShardOf(grainId);
        if (shard.TryGet(grainId, out var existing))
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
        return grainClass.IsStatelessWorker ? _workers.Pick(grainId, grainClass) : shard.GetOrAdd(grainId, silo, grainClass);
    }

    public bool TryGet(GrainId grainId, out Activation activation) => ShardOf(grainId).TryGet(grainId, out activation);

    public void AddObserver(Activation observer)
    {
        if (!ShardOf(observer.GrainId).TryAdd(observer))
        {
            throw new InvalidOperationException($"Observer {observer.GrainId} is already registered.");
        }
    }

    /// <summary>Removes <paramref name="activation"/> only if it is still the one registered for its grain.</summary>
    public void Remove(Activation activation)
    {
        if (activation.Class.IsStatelessWorker)
        {
            _workers.Remove(activation);
            return;
        }

        ShardOf(activation.GrainId).Remove(activation);
    }

    public IEnumerable<Activation> OfClass(GrainClassInfo grainClass) =>
        Activations.Where(activation => ReferenceEquals(activation.Class, grainClass));

    private Shard ShardOf(GrainId grainId) => _shards[(uint)grainId.GetHashCode() % ShardCount];

    private sealed class Shard
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<GrainId, Activation> _activations = [];

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _activations.Count;
                }
            }
        }

        public bool TryGet(GrainId grainId, out Activation activation)
        {
            lock (_lock)
            {
                return _activations.TryGetValue(grainId, out activation!);
            }
        }

        public Activation GetOrAdd(GrainId grainId, SiloRuntime silo, GrainClassInfo grainClass)
        {
            lock (_lock)
            {
                if (!_activations.TryGetValue(grainId, out var activation))
                {
                    activation = new Activation(silo, grainClass, grainId);
                    _activations.Add(grainId, activation);
                }

                return activation;
            }
        }

        public bool TryAdd(Activation activation)
        {
            lock (_lock)
            {
                return _activations.TryAdd(activation.GrainId, activation);
            }
        }

        public void Remove(Activation activation)
        {
            lock (_lock)
            {
                if (_activations.TryGetValue(activation.GrainId, out var registered) && ReferenceEquals(registered, activation))
                {
                    _activations.Remove(activation.GrainId);
                }
            }
        }

        public void CopyTo(List<Activation> all)
        {
            lock (_lock)
            {
                all.AddRange(_activations.Values);
            }
        }
    }
}
