using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests;

/// <summary>The manifests in k8s/ only use settings the silo knows, and render to one silo Deployment per zone.</summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void The_silo_manifest_uses_only_options_and_variables_the_silo_knows()
    {
        var manifest = File.ReadAllText(Path.Combine(Root, "k8s", "silo", "silo.yaml"));
        var variables = Variable().Matches(manifest).Select(match => match.Value).Distinct().ToList();
        var options = Option().Matches(manifest).Select(match => match.Groups[1].Value).Distinct().ToList();

        variables.ShouldContain("PLATFORM_SILO__ZONE");
        variables.ShouldContain("PLATFORM_SILO__ADVERTISE");
        variables.ShouldBeSubsetOf(SettingOptions.All.Select(option => option.EnvironmentVariable).OfType<string>());
        options.ShouldBe(["--storage", "--membership", "--listen", "--port"], ignoreOrder: true);
        options.ShouldBeSubsetOf(SettingOptions.All.Select(option => option.Name));
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
        var index = int.Parse(Regex.Match(overlay, @"containers/0/env/(\d+)/value").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var names = Regex.Matches(File.ReadAllText(Path.Combine(Root, "k8s", "silo", "silo.yaml")), @"- name: (PLATFORM_SILO__\w+)").Select(match => match.Groups[1].Value).ToList();
        names[index].ShouldBe("PLATFORM_SILO__ZONE");
    }

    /// <summary>Renders with kubectl's built-in kustomize; kubectl is on the project's machines, so this normally runs.</summary>
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
        Regex.Matches(rendered, "name: silo-gateway").Count.ShouldBe(1);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test directory");
    }

    [GeneratedRegex(@"PLATFORM_SILO__[A-Z]+")]
    private static partial Regex Variable();

    [GeneratedRegex(@"""(--[a-z-]+)""")]
    private static partial Regex Option();
}
