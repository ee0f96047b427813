using System.Collections.Concurrent;
using Orleans.Metadata;

namespace Platform.Orleans.Deadlocks;

/// <summary>
/// Whether a busy activation of a grain type makes a further call wait, read from the cluster manifest (so it works on
/// clients and for grain classes another silo hosts), cached per grain type.
/// </summary>
internal sealed class TargetConcurrency(GrainPropertiesResolver properties)
{
    // Orleans writes the placement strategy's class name into the manifest; StatelessWorkerPlacement is internal.
    private const string StatelessWorkerPlacement = "StatelessWorkerPlacement";

    private readonly ConcurrentDictionary<GrainType, bool> _blocksWhileBusy = new();

    public bool BlocksWhileBusy(GrainType grainType)
    {
        if (_blocksWhileBusy.TryGetValue(grainType, out var blocks))
        {
            return blocks;
        }

        // Not a grain type of the manifest (a client's observer, a system target): never claim a deadlock on it.
        // Not cached: the manifest may not have arrived yet.
        if (!properties.TryGetGrainProperties(grainType, out var grain))
        {
            return false;
        }

        var values = grain.Properties;
        blocks = !(values.TryGetValue(WellKnownGrainTypeProperties.Reentrant, out var reentrant) && bool.TryParse(reentrant, out var isReentrant) && isReentrant)
            // A [MayInterleave] predicate decides per call at the target; it cannot be judged here.
            && !values.ContainsKey(WellKnownGrainTypeProperties.MayInterleavePredicate)
            // Stateless workers add activations instead of queueing.
            && !(values.TryGetValue(WellKnownGrainTypeProperties.PlacementStrategy, out var placement) && placement == StatelessWorkerPlacement);
        _blocksWhileBusy[grainType] = blocks;
        return blocks;
    }
}
