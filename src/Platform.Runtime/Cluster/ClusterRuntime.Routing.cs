using Platform.Invocation;
using Platform.Runtime.Membership;
using Platform.Runtime.Metadata;
using Platform.Runtime.Placement;

namespace Platform.Runtime.Cluster;

internal sealed partial class ClusterRuntime
{
    /// <summary>A call forwarded this many times runs where it is, so that silos with different views cannot bounce it forever.</summary>
    private const int MaxHops = 2;

    private const string ClientObserverPrefix = "client:";

    /// <summary>Sends <paramref name="request"/> to the silo or client that hosts its target; false if it belongs here.</summary>
    public bool TryRouteRemote(Request request)
    {
        var target = request.Target;
        if (target.Type == GrainTypeRegistry.ObserverGrainType)
        {
            return TryRouteObserver(request, target.Key);
        }

        var placement = _placement;
        // A leaving silo keeps forwarding whatever the hop count: running a call here would activate a grain on it again.
        if (placement.IsEmpty || (request.Hops >= MaxHops && !_leaving) || _silo.Registry.IsStatelessWorker(target.Type))
        {
            return false;
        }

        var owner = placement.Owner(target);
        if (owner == Self)
        {
            return false;
        }

        request.Hops++;
        LinkTo(owner).Send(request);
        return true;
    }

    /// <summary>Observer keys start with their host: "client:{id}/..." or "{silo}/...", so callbacks find their way home.</summary>
    private bool TryRouteObserver(Request request, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || key.StartsWith(ObserverPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var host = key[..slash];
        if (host.StartsWith(ClientObserverPrefix, StringComparison.Ordinal))
        {
            if (_clients.TryGetValue(host[ClientObserverPrefix.Length..], out var client) && client.IsOpen)
            {
                client.SendCall(request);
            }
            else
            {
                Reject(request, $"its client {host[ClientObserverPrefix.Length..]} is not connected to silo {Self}");
            }

            return true;
        }

        foreach (var member in View.ActiveSilos)
        {
            if (member.Silo.ToString() == host)
            {
                LinkTo(member.Silo).Send(request);
                return true;
            }
        }

        Reject(request, $"the silo that hosts it ({host}) is not an active member of the cluster");
        return true;
    }

    private void Reject(Request request, string reason)
    {
        var failure = new SiloUnavailableException($"Call {request.InterfaceName}.{request.MethodName} to observer {request.Target} failed: {reason}.", mayHaveRun: false);
        request.TryFailCaller(failure);
        _silo.Calls.ReleaseExtras(request, failure);
    }

    /// <summary>Where placement puts <paramref name="grainId"/> in the current view (for tests and diagnostics).</summary>
    public SiloAddress? OwnerOf(GrainId grainId) => _placement.IsEmpty ? null : _placement.Owner(grainId);
}
