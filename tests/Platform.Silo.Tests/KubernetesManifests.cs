using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Platform.Silo.Tests;

/// <summary>One overlay of k8s/overlays as `kubectl kustomize` renders it, parsed into its objects.</summary>
internal sealed class KubernetesManifests
{
    public static string RepositoryRoot { get; } = typeof(KubernetesManifests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    private static readonly ConcurrentDictionary<string, Lazy<KubernetesManifests>> Rendered = new();

    private KubernetesManifests(string overlay, IReadOnlyList<YamlMappingNode> objects)
    {
        Overlay = overlay;
        Objects = objects;
    }

    public string Overlay { get; }

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    /// <summary>Deployments and StatefulSets: everything that runs containers.</summary>
    public IEnumerable<YamlMappingNode> Workloads => Objects.Where(item => item.Text("kind") is "Deployment" or "StatefulSet");

    public IReadOnlyList<YamlMappingNode> SiloDeployments => [.. OfKind("Deployment").Where(deployment => PodLabels(deployment).GetValueOrDefault("app") == "silo")];

    public static KubernetesManifests Of(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<KubernetesManifests>(() => Render(name))).Value;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(item => item.Text("kind") == kind);

    public YamlMappingNode? Find(string kind, string name) => OfKind(kind).SingleOrDefault(item => Name(item) == name);

    public YamlMappingNode Single(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"k8s/overlays/{Overlay} renders no {kind}/{name}");

    /// <summary>How a failure names an object: "Deployment/silo-a in k8s/overlays/prod".</summary>
    public string Describe(YamlMappingNode item) => $"{item.Text("kind")}/{Name(item)} in k8s/overlays/{Overlay}";

    public static string Name(YamlMappingNode item) => item.Map("metadata").Text("name");

    public static YamlMappingNode PodSpec(YamlMappingNode workload) => workload.Map("spec").Map("template").Map("spec");

    public static Dictionary<string, string> PodLabels(YamlMappingNode workload) =>
        workload.Map("spec").Map("template").Map("metadata").MaybeMap("labels")?.Labels() ?? [];

    public static YamlMappingNode Container(YamlMappingNode workload, string name) =>
        PodSpec(workload).Maps("containers").Single(container => container.Text("name") == name);

    public static YamlMappingNode? Env(YamlMappingNode container, string name) =>
        container.Maps("env").SingleOrDefault(entry => entry.Text("name") == name);

    private static KubernetesManifests Render(string overlay)
    {
        var directory = Path.Combine(RepositoryRoot, "k8s", "overlays", overlay);
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("kubectl is not installed: run scripts/kubectl.sh (scripts/test.sh does)", exception);
        }

        using (process)
        {
            // Read both pipes at once: kustomize's deprecation warnings on stderr must not block the manifests on stdout.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize k8s/overlays/{overlay} failed ({process.ExitCode}): {error.Result}");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(output.Result));
            return new KubernetesManifests(overlay, [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)]);
        }
    }
}
