using Platform.Runtime.Membership;
using Platform.Runtime.Metadata;
using Platform.Runtime.Placement;
using Platform.Runtime.Telemetry;

namespace Platform.Runtime.Cluster;

/// <summary>What a silo does when the membership view changes: new placement, clients told, grains handed over.</summary>
internal sealed partial class ClusterRuntime
{
    private void OnJoined(ClusterView view)
    {
        // Until every grain this silo now owns has been handed over, the silos that owned them without it may still
        // host them: activations here ask them first (see AwaitHandoffAsync).
        var others = view.ActiveSilos.Where(entry => entry.Silo != Self).ToList();
        RememberPreviousOwners(new ZoneAwarePlacement(view.Version - 1, others));
        OnViewChanged(view);
    }

    private void OnViewChanged(ClusterView view)
    {
        if (_leaving)
        {
            return;
        }

        var previous = _placement;
        var placement = new ZoneAwarePlacement(view.Version, view.ActiveSilos);
        _placement = placement;
        if (!previous.IsEmpty)
        {
            RememberPreviousOwners(previous);
        }

        ForgetIdleLinksToInactiveSilos(view);
        TellClients(view);
        _ = RebalanceAsync(placement);
        RuntimeLog.ClusterViewChanged(_silo.Logger, view.Version, view.ActiveSilos.Count);
        ViewChanged?.Invoke(view);
    }

    private void TellClients(ClusterView view)
    {
        var frame = new ClusterViewFrame(view);
        foreach (var client in _clients.Values)
        {
            client.TrySend(frame);
        }
    }

    /// <summary>Links with calls in flight stay until those finish; a silo that leaves answers them before it closes.</summary>
    private void ForgetIdleLinksToInactiveSilos(ClusterView view)
    {
        foreach (var (silo, link) in _silos)
        {
            if (!view.IsActive(silo) && (link.Peer?.PendingCount ?? 0) == 0 && _silos.TryRemove(silo, out _))
            {
                link.Close();
            }
        }
    }

    /// <summary>
    /// Deactivates the grains this silo no longer owns, at most <see cref="ClusterOptions.RebalanceRate"/> a second so a
    /// scale-out does not turn into a stampede; their next call activates them on the new owner, which first asks
    /// this silo to hand them over. A newer view takes over from an older pass.
    /// </summary>
    private async Task RebalanceAsync(ZoneAwarePlacement placement)
    {
        if (placement.IsEmpty || !placement.Contains(Self))
        {
            return;
        }

        var moving = _silo.Catalog.Activations.Where(activation => Moves(activation.GrainId, placement)).ToList();
        var batch = Math.Max(1, _options.RebalanceRate / 10);
        for (var i = 0; i < moving.Count; i += batch)
        {
            if (!ReferenceEquals(_placement, placement) || _fenced)
            {
                return;
            }

            foreach (var activation in moving.Skip(i).Take(batch))
            {
                _ = activation.BeginDeactivation(DeactivationReason.Rebalanced, graceful: true, failQueuedWith: null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _silo.Time);
        }
    }

    private bool Moves(GrainId grainId, ZoneAwarePlacement placement) =>
        grainId.Type != GrainTypeRegistry.ObserverGrainType
        && !_silo.Registry.IsStatelessWorker(grainId.Type)
        && placement.Owner(grainId) != Self;

    private void OnFenced()
    {
        _fenced = true;
        RuntimeLog.SiloFenced(_silo.Logger, Self.ToString());
        foreach (var activation in _silo.Catalog.Activations.ToList())
        {
            activation.BeginDeactivation(DeactivationReason.ShuttingDown, graceful: false,
                failQueuedWith: new SiloUnavailableException($"Silo {Self} was declared dead by the cluster and stopped serving.", mayHaveRun: false));
        }

        Fenced?.Invoke();
    }
}
