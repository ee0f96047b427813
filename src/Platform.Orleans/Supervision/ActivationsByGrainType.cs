using System.Collections.Concurrent;

namespace Platform.Orleans.Supervision;

/// <summary>
/// The live activations of each grain type on this silo, so an escalated failure or a quarantine can restart all of them
/// (Orleans offers no public way to enumerate a silo's activations). Costs one dictionary entry per activation.
/// </summary>
internal sealed class ActivationsByGrainType : IActivationWorkingSetObserver
{
    private readonly ConcurrentDictionary<GrainType, ConcurrentDictionary<IGrainContext, byte>> _byType = new();

    public void OnAdded(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext context)
        {
            _byType.GetOrAdd(context.GrainId.Type, static _ => new()).TryAdd(context, 0);
        }
    }

    public void OnDeactivated(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext context && _byType.TryGetValue(context.GrainId.Type, out var activations))
        {
            activations.TryRemove(context, out _);
        }
    }

    public void DeactivateAll(GrainType grainType, DeactivationReason reason)
    {
        if (!_byType.TryGetValue(grainType, out var activations))
        {
            return;
        }

        foreach (var (context, _) in activations)
        {
            context.Deactivate(reason);
        }
    }
}
