namespace Platform.Silo.Tests;

/// <summary>A pod as network policies see it: its namespace and labels. Null stands for an address outside the cluster.</summary>
internal sealed record PodEndpoint(string Namespace, IReadOnlyDictionary<string, string> Labels)
{
    public static PodEndpoint InPlatform(IReadOnlyDictionary<string, string> labels) => new("platform", labels);

    public static PodEndpoint Named(string @namespace, string appName) =>
        new(@namespace, new Dictionary<string, string> { ["app.kubernetes.io/name"] = appName });
}
