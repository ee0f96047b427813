using Platform.Runtime.Membership;
using Platform.Runtime.Metadata;
using Platform.Runtime.Placement;

namespace Platform.Runtime.Cluster;

/// <summary>
/// Grain handover between silos. When the view changes, the silo that gains a grain asks the silo that owned it under
/// the previous view to deactivate it (finishing its turn and writing its state) before activating it here, so a grain
/// never runs on two silos at once during a move, and no call fails because of one. Only activations within
/// <see cref="ClusterOptions.HandoffWindow"/> of a view change pay this round trip.
/// </summary>
internal sealed partial class ClusterRuntime
{
    private readonly Lock _handoffLock = new();
    private List<(ZoneAwarePlacement Placement, long Until)> _previousOwners = [];

    /// <summary>Called by an activation before it creates its grain; returns once earlier owners have let go.</summary>
    public async ValueTask AwaitHandoffAsync(GrainId grainId)
    {
        if (_previousOwners.Count == 0 || grainId.Type == GrainTypeRegistry.ObserverGrainType || _silo.Registry.IsStatelessWorker(grainId.Type))
        {
            return;
        }

        var now = Time.GetTimestamp();
        var owners = new HashSet<SiloAddress>();
        foreach (var (placement, until) in _previousOwners)
        {
            if (until > now && !placement.IsEmpty && placement.Owner(grainId) is var owner && owner != Self)
            {
                owners.Add(owner);
            }
        }

        foreach (var owner in owners)
        {
            await AskToReleaseAsync(owner, grainId);
        }
    }

    /// <summary>The previous owner deactivates its activation, if any; a silo that cannot be reached holds nothing that can still write.</summary>
    public async Task OnHandoffRequestedAsync(GrainId grainId)
    {
        if (!_leaving && !_placement.IsEmpty && _placement.Owner(grainId) == Self && _agent is { } agent)
        {
            // The asking silo saw a newer view than this one: catch up before giving the grain away.
            await RefreshQuietlyAsync(agent);
        }

        if (_silo.Catalog.TryGet(grainId, out var activation))
        {
            await activation.BeginDeactivation(DeactivationReason.Rebalanced, graceful: true, failQueuedWith: null);
        }
    }

    private async Task AskToReleaseAsync(SiloAddress owner, GrainId grainId)
    {
        try
        {
            var peer = await LinkTo(owner).ConnectedAsync().WaitAsync(_options.HandoffTimeout, Time);
            if (peer is not null)
            {
                await peer.HandoffAsync(grainId, _options.HandoffTimeout, CancellationToken.None);
            }
        }
        catch (TimeoutException)
        {
            // An owner that does not answer within the timeout is treated as gone; ETags still guard its writes.
        }
    }

    private void RememberPreviousOwners(ZoneAwarePlacement previous)
    {
        var now = Time.GetTimestamp();
        var until = now + (long)(_options.HandoffWindow.TotalSeconds * Time.TimestampFrequency);
        lock (_handoffLock)
        {
            _previousOwners = [.. _previousOwners.Where(entry => entry.Until > now), (previous, until)];
        }
    }
}
