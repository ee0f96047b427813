using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.Silo.Tests;

/// <summary>The manifests in k8s/ only use settings the silo knows, give Orleans' Kubernetes hosting what it needs, and render to one silo Deployment per zone.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Root = typeof(KubernetesManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    private static readonly YamlMappingNode Deployment = LoadDocuments(Path.Combine("k8s", "silo", "silo.yaml")).Single();

    private static YamlMappingNode PodSpec => Map(Map(Map(Deployment, "spec"), "template"), "spec");

    private static YamlMappingNode Container => (YamlMappingNode)Seq(PodSpec, "containers").Children.Single();

    private static List<YamlMappingNode> Env => [.. Seq(Container, "env").Children.Cast<YamlMappingNode>()];

    private static List<string> Args => [.. Seq(Container, "args").Children.Select(arg => ((YamlScalarNode)arg).Value!)];

    [Fact]
    public void The_silo_manifest_uses_only_options_and_variables_the_silo_knows()
    {
        var options = Args.Where(arg => arg.StartsWith("--", StringComparison.Ordinal)).ToList();
        options.ShouldBe(["--storage", "--listen", "--port", "--gateway-port", "--kubernetes"], ignoreOrder: true);
        options.ShouldBeSubsetOf(SettingOptions.All.Select(option => option.Name));

        var variables = Env.Select(entry => Text(entry, "name")).Where(name => name.StartsWith("PLATFORM_", StringComparison.Ordinal)).ToList();
        variables.ShouldBeSubsetOf(SettingOptions.All.Select(option => option.EnvironmentVariable).OfType<string>());
        variables.ShouldContain("PLATFORM_SILO__ZONE");
        variables.ShouldContain("PLATFORM_SILO__POSTGRES");

        // The command line and the variables must parse: the pod would crash-loop with exit code 2 otherwise.
        var environment = Env.Where(entry => entry.Children.ContainsKey("value")).ToDictionary(entry => Text(entry, "name"), entry => Text(entry, "value"));
        environment["PLATFORM_SILO__POSTGRES"] = "Host=postgres.platform.svc;Username=platform;Database=platform";
        environment["POD_NAME"] = "silo-a-0";
        environment["POD_NAMESPACE"] = "platform";
        var settings = SiloHostSettingsParser.Parse(Args, environment);
        settings.UseKubernetes.ShouldBeTrue();
        settings.Storage.ShouldBe(StorageProvider.Postgres);
    }

    [Fact]
    public void Orleans_kubernetes_hosting_gets_the_pod_variables_labels_and_permissions_it_needs()
    {
        string FieldOf(string name) => Text(Map(Map(Env.Single(entry => Text(entry, "name") == name), "valueFrom"), "fieldRef"), "fieldPath");
        FieldOf("POD_NAME").ShouldBe("metadata.name");
        FieldOf("POD_NAMESPACE").ShouldBe("metadata.namespace");
        FieldOf("POD_IP").ShouldBe("status.podIP");

        string ValueOf(string name) => Text(Env.Single(entry => Text(entry, "name") == name), "value");
        var labels = Map(Map(Map(Map(Deployment, "spec"), "template"), "metadata"), "labels");
        Text(labels, "orleans/serviceId").ShouldBe(ValueOf("PLATFORM_SILO__SERVICEID"));
        Text(labels, "orleans/clusterId").ShouldBe(ValueOf("PLATFORM_SILO__CLUSTERID"));

        var account = Text(PodSpec, "serviceAccountName");
        var rbac = LoadDocuments(Path.Combine("k8s", "base", "rbac.yaml"));
        rbac.ShouldContain(document => Text(document, "kind") == "ServiceAccount" && Text(Map(document, "metadata"), "name") == account);
        var role = rbac.Single(document => Text(document, "kind") == "Role");
        var rule = (YamlMappingNode)Seq(role, "rules").Children.Single();
        Seq(rule, "resources").Children.Select(node => node.ToString()).ShouldBe(["pods"]);
        Seq(rule, "verbs").Children.Select(node => node.ToString()).ShouldBe(["get", "list", "watch", "patch"], ignoreOrder: true);
        var binding = rbac.Single(document => Text(document, "kind") == "RoleBinding");
        Text(Map(binding, "roleRef"), "name").ShouldBe(Text(Map(role, "metadata"), "name"));
        Text((YamlMappingNode)Seq(binding, "subjects").Children.Single(), "name").ShouldBe(account);
    }

    [Fact]
    public void Probes_watch_the_silo_and_gateway_ports_and_the_grace_period_outlasts_a_graceful_stop()
    {
        var ports = Seq(Container, "ports").Children.Cast<YamlMappingNode>().ToDictionary(port => Text(port, "name"), port => Text(port, "containerPort"));
        ports["silo"].ShouldBe(Args[Args.IndexOf("--port") + 1]);
        ports["gateway"].ShouldBe(Args[Args.IndexOf("--gateway-port") + 1]);
        Text(Map(Map(Container, "readinessProbe"), "tcpSocket"), "port").ShouldBe("gateway");
        Text(Map(Map(Container, "livenessProbe"), "tcpSocket"), "port").ShouldBe("silo");

        var shutdown = TimeSpan.Parse(Text(Env.Single(entry => Text(entry, "name") == "PLATFORM_SILO__SHUTDOWNTIMEOUT"), "value"), CultureInfo.InvariantCulture);
        var preStop = int.Parse(((YamlScalarNode)Seq(Map(Map(Map(Container, "lifecycle"), "preStop"), "exec"), "command").Children[1]).Value!, CultureInfo.InvariantCulture);
        var grace = int.Parse(Text(PodSpec, "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture);
        grace.ShouldBeGreaterThan((int)shutdown.TotalSeconds + preStop, "Kubernetes must not SIGKILL a silo that is still leaving");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    public void Each_zone_overlay_pins_its_silos_to_its_zone_and_tells_them_the_zone(string zone)
    {
        var overlay = File.ReadAllText(Path.Combine(Root, "k8s", "zones", zone, "kustomization.yaml"));
        overlay.ShouldContain($"nameSuffix: -{zone}");
        overlay.ShouldContain($"topology.kubernetes.io/zone: zone-{zone}");
        Regex.IsMatch(overlay, $@"path: /spec/template/spec/containers/0/env/(\d+)/value\s+value: {zone}").ShouldBeTrue();

        // The patch addresses the zone variable by position: it must still be the one at that index in the base.
        var index = int.Parse(Regex.Match(overlay, @"containers/0/env/(\d+)/value").Groups[1].Value, CultureInfo.InvariantCulture);
        Text(Env[index], "name").ShouldBe("PLATFORM_SILO__ZONE");
    }

    /// <summary>Renders with kubectl's built-in kustomize when kubectl is installed (it is on the project's machines).</summary>
    [Fact]
    public async Task The_manifests_render_one_silo_deployment_per_zone()
    {
        if (!File.Exists("/usr/bin/kubectl") && !File.Exists("/usr/local/bin/kubectl"))
        {
            return;
        }

        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Root, "k8s")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var rendered = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, error);
        foreach (var zone in new[] { "a", "b", "c" })
        {
            rendered.ShouldContain($"name: silo-{zone}");
            Regex.IsMatch(rendered, $@"name: PLATFORM_SILO__ZONE\s+value: {zone}").ShouldBeTrue($"zone {zone}'s silos are told their zone");
        }

        Regex.Matches(rendered, "kind: Deployment").Count.ShouldBe(3);
        Regex.Matches(rendered, "serviceAccountName: silo\n").Count.ShouldBe(3, "the zone overlays keep the shared service account's name");
        Regex.Matches(rendered, "name: silo-gateway").Count.ShouldBe(1);
    }

    private static List<YamlMappingNode> LoadDocuments(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, relativePath)));
        stream.Load(reader);
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
