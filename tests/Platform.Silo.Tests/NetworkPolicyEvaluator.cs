using YamlDotNet.RepresentationModel;

namespace Platform.Silo.Tests;

/// <summary>
/// Decides whether the rendered NetworkPolicies let one pod open a connection to another the way Kubernetes does: the
/// source's egress and the destination's ingress must both allow it, and a pod that no policy of a direction selects
/// is open in that direction. Peers are matched by namespace name and matchLabels; ipBlock peers match nothing (the
/// manifests use none).
/// </summary>
internal sealed class NetworkPolicyEvaluator(IReadOnlyList<YamlMappingNode> policies)
{
    public bool Allows(PodEndpoint source, PodEndpoint? destination, int port, string protocol = "TCP")
    {
        var egressAllowed = source.Namespace != "platform" || Permits(source, "Egress", "egress", "to", destination, port, protocol);
        var ingressAllowed = destination is null || destination.Namespace != "platform" || Permits(destination, "Ingress", "ingress", "from", source, port, protocol);
        return egressAllowed && ingressAllowed;
    }

    private bool Permits(PodEndpoint pod, string policyType, string rulesKey, string peersKey, PodEndpoint? peer, int port, string protocol)
    {
        var selecting = policies.Where(policy => Selects(policy, pod) && PolicyTypes(policy).Contains(policyType)).ToList();
        return selecting.Count == 0 || selecting.SelectMany(policy => policy.Map("spec").Maps(rulesKey))
            .Any(rule => PeersMatch(rule.Maps(peersKey), peer) && PortsMatch(rule.Maps("ports"), port, protocol));
    }

    private static bool Selects(YamlMappingNode policy, PodEndpoint pod) =>
        policy.Map("metadata").Text("namespace") == pod.Namespace && IsSubset(policy.Map("spec").MaybeMap("podSelector").MatchLabels(), pod.Labels);

    private static IReadOnlyList<string> PolicyTypes(YamlMappingNode policy)
    {
        var spec = policy.Map("spec");
        var declared = spec.Texts("policyTypes");
        if (declared.Count > 0)
        {
            return declared;
        }

        // Kubernetes' default when policyTypes is left out.
        return spec.Child("egress") is null ? ["Ingress"] : ["Ingress", "Egress"];
    }

    private static bool PeersMatch(IReadOnlyList<YamlMappingNode> peers, PodEndpoint? peer) =>
        peers.Count == 0 || (peer is not null && peers.Any(candidate => PeerMatches(candidate, peer)));

    private static bool PeerMatches(YamlMappingNode candidate, PodEndpoint peer)
    {
        if (candidate.Child("ipBlock") is not null)
        {
            return false;
        }

        var namespaceSelector = candidate.MaybeMap("namespaceSelector");
        var namespaceMatches = namespaceSelector is null
            ? peer.Namespace == "platform"
            : IsSubset(namespaceSelector.MatchLabels(), new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = peer.Namespace });
        return namespaceMatches && IsSubset(candidate.MaybeMap("podSelector").MatchLabels(), peer.Labels);
    }

    private static bool PortsMatch(IReadOnlyList<YamlMappingNode> ports, int port, string protocol) =>
        ports.Count == 0 || ports.Any(entry =>
            (entry.MaybeText("protocol") ?? "TCP") == protocol && (entry.MaybeText("port") is not { } value || value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static bool IsSubset(IReadOnlyDictionary<string, string> required, IReadOnlyDictionary<string, string> labels) =>
        required.All(entry => labels.TryGetValue(entry.Key, out var value) && value == entry.Value);
}
