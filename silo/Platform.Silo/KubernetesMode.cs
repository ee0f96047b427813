namespace Platform.Silo;

/// <summary>Whether the silo runs Orleans' Kubernetes hosting (<c>--kubernetes</c>).</summary>
internal enum KubernetesMode
{
    /// <summary>On when the pod's POD_NAME and POD_NAMESPACE are set (the manifests set them via the downward API).</summary>
    Auto,

    On,

    Off,
}
