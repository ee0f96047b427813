using Platform.Runtime.Metadata;

namespace Platform.Runtime.Activations;

/// <summary>
/// The local activations of stateless worker grains: each grain id gets a pool that grows up to the class's worker
/// limit while every worker is busy, and otherwise hands the call to an idle or the least loaded worker.
/// </summary>
internal sealed class StatelessWorkerPools(SiloRuntime silo)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, List<Activation>> _pools = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pools.Values.Sum(pool => pool.Count);
            }
        }
    }

    public Activation Pick(GrainId grainId, GrainClassInfo grainClass)
    {
        lock (_lock)
        {
            if (!_pools.TryGetValue(grainId, out var pool))
            {
                _pools[grainId] = pool = [];
            }

            Activation? best = null;
            foreach (var worker in pool)
            {
                if (!worker.IsValid)
                {
                    continue;
                }

                if (worker.Load == 0)
                {
                    return worker;
                }

                if (best is null || worker.Load < best.Load)
                {
                    best = worker;
                }
            }

            if (best is not null && pool.Count >= grainClass.MaxLocalWorkers)
            {
                return best;
            }

            var created = new Activation(silo, grainClass, grainId);
            pool.Add(created);
            return created;
        }
    }

    public void Remove(Activation activation)
    {
        lock (_lock)
        {
            if (_pools.TryGetValue(activation.GrainId, out var pool) && pool.Remove(activation) && pool.Count == 0)
            {
                _pools.Remove(activation.GrainId);
            }
        }
    }

    public void CopyTo(List<Activation> all)
    {
        lock (_lock)
        {
            foreach (var pool in _pools.Values)
            {
                all.AddRange(pool);
            }
        }
    }
}
