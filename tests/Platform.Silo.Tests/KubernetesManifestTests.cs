using System.Globalization;
using Orleans.Configuration;
using YamlDotNet.RepresentationModel;

namespace Platform.Silo.Tests;

/// <summary>
/// k8s/overlays/dev and k8s/overlays/prod, rendered with `kubectl kustomize` (scripts/kubectl.sh installs kubectl), keep
/// the invariants operations rely on. Every failure names the object and the overlay.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    private static readonly PodEndpoint Silo = PodEndpoint.InPlatform(new Dictionary<string, string> { ["app"] = "silo", ["zone"] = "zone-a" });
    private static readonly PodEndpoint OtherZoneSilo = PodEndpoint.InPlatform(new Dictionary<string, string> { ["app"] = "silo", ["zone"] = "zone-b" });
    private static readonly PodEndpoint Api = PodEndpoint.InPlatform(new Dictionary<string, string> { ["app"] = "api" });
    private static readonly PodEndpoint IngressController = PodEndpoint.Named("ingress-nginx", "ingress-nginx");
    private static readonly PodEndpoint Prometheus = PodEndpoint.Named("monitoring", "prometheus");
    private static readonly PodEndpoint ClusterDns = new("kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Each_zone_has_its_own_silo_deployment_pinned_to_the_zone_and_told_it(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        var zones = new List<string>();
        foreach (var deployment in manifests.SiloDeployments)
        {
            var name = manifests.Describe(deployment);
            var nodeZone = KubernetesManifests.PodSpec(deployment).MaybeMap("nodeSelector")?.MaybeText("topology.kubernetes.io/zone");
            nodeZone.ShouldNotBeNull($"{name} is not pinned to a zone (nodeSelector topology.kubernetes.io/zone)");
            var told = KubernetesManifests.Env(KubernetesManifests.Container(deployment, "silo"), "PLATFORM_SILO__ZONE")?.MaybeText("value");
            told.ShouldBe(nodeZone, $"{name} must tell the silo the zone its nodes are in (PLATFORM_SILO__ZONE)");
            deployment.Map("spec").Map("selector").MatchLabels().GetValueOrDefault("zone")
                .ShouldBe(nodeZone, $"{name} must select only its zone's pods, or the three Deployments would fight over them");
            deployment.Map("spec").Child("replicas").ShouldBeNull($"{name} sets replicas, which every apply would reset under its autoscaler");
            zones.Add(nodeZone);
        }

        zones.Count.ShouldBe(3, $"k8s/overlays/{overlay} must render one silo Deployment per zone for three zones");
        zones.Distinct().Count().ShouldBe(3, $"k8s/overlays/{overlay}: two silo Deployments share a zone");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silos_spread_evenly_over_zones_and_hosts(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var deployment in manifests.SiloDeployments)
        {
            var name = manifests.Describe(deployment);
            var constraints = KubernetesManifests.PodSpec(deployment).Maps("topologySpreadConstraints");
            var zone = constraints.SingleOrDefault(constraint => constraint.Text("topologyKey") == "topology.kubernetes.io/zone");
            zone.ShouldNotBeNull($"{name} has no topology spread over topology.kubernetes.io/zone");
            zone.Text("maxSkew").ShouldBe("1", $"{name}: zone spread maxSkew");
            zone.Text("whenUnsatisfiable").ShouldBe("DoNotSchedule", $"{name}: zone spread must be a hard constraint");
            // The Deployment is pinned to one zone: only when the scheduler ignores that pinning does it count the other zones.
            zone.MaybeText("nodeAffinityPolicy").ShouldBe("Ignore", $"{name}: zone spread must count every zone (nodeAffinityPolicy: Ignore)");
            zone.MaybeMap("labelSelector").MatchLabels().ShouldBe(new Dictionary<string, string> { ["app"] = "silo" }, $"{name}: zone spread must count all silos, not only this zone's");

            var host = constraints.SingleOrDefault(constraint => constraint.Text("topologyKey") == "kubernetes.io/hostname");
            host.ShouldNotBeNull($"{name} has no topology spread over kubernetes.io/hostname");
            host.Text("maxSkew").ShouldBe("1", $"{name}: host spread maxSkew");
            host.MaybeMap("labelSelector").MatchLabels().ShouldBe(new Dictionary<string, string> { ["app"] = "silo" }, $"{name}: host spread must count all silos");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Each_silo_deployment_has_a_disruption_budget_and_scales_from_2_to_20_at_70_percent_cpu(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var deployment in manifests.SiloDeployments)
        {
            var name = manifests.Describe(deployment);
            var labels = KubernetesManifests.PodLabels(deployment);
            var budgets = manifests.OfKind("PodDisruptionBudget")
                .Where(budget => budget.Map("spec").MaybeMap("selector").MatchLabels().All(entry => labels.GetValueOrDefault(entry.Key) == entry.Value)).ToList();
            budgets.Count.ShouldBe(1, $"{name} needs exactly one PodDisruptionBudget selecting its pods");
            budgets[0].Map("spec").MaybeText("maxUnavailable").ShouldBe("1", $"{manifests.Describe(budgets[0])}: one silo of a zone at a time");

            AssertCpuAutoscaler(manifests, KubernetesManifests.Name(deployment), minimum: 2, maximum: 20);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_probes_use_the_http_port_and_the_grace_period_outlasts_a_graceful_leave(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var deployment in manifests.SiloDeployments)
        {
            var name = manifests.Describe(deployment);
            var silo = KubernetesManifests.Container(deployment, "silo");
            var ports = silo.Maps("ports").ToDictionary(port => port.Text("name"), port => port.Text("containerPort"));
            ports.GetValueOrDefault("http").ShouldBe("8080", $"{name}: the silo's HTTP port must be 8080, named http");
            ports.GetValueOrDefault("silo").ShouldBe("11111", $"{name}: silo port");
            ports.GetValueOrDefault("gateway").ShouldBe("30000", $"{name}: gateway port");
            KubernetesManifests.Env(silo, "PLATFORM_SILO__HTTPPORT")?.MaybeText("value").ShouldBe("8080", $"{name}: the silo must listen for HTTP where the probes look");
            AssertHttpProbe(name, silo, "readinessProbe", "/health/ready");
            AssertHttpProbe(name, silo, "livenessProbe", "/health/live");
            AssertGracefulStop(manifests, deployment, silo);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silos_advertise_their_pod_ip_and_orleans_kubernetes_hosting_gets_what_it_needs(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        var role = manifests.Single("Role", "silo");
        var rule = role.Maps("rules").ShouldHaveSingleItem($"{manifests.Describe(role)} has one rule");
        rule.Texts("resources").ShouldBe(["pods"], $"{manifests.Describe(role)}: resources");
        rule.Texts("verbs").ShouldBe(["get", "list", "watch", "patch"], ignoreOrder: true, $"{manifests.Describe(role)}: verbs (no delete: DeleteDefunctSiloPods stays off)");
        var binding = manifests.Single("RoleBinding", "silo");
        binding.Map("roleRef").Text("name").ShouldBe("silo", $"{manifests.Describe(binding)}: roleRef");
        binding.Maps("subjects").ShouldHaveSingleItem().Text("name").ShouldBe("silo", $"{manifests.Describe(binding)}: subject");
        manifests.Single("ServiceAccount", "silo");

        foreach (var deployment in manifests.SiloDeployments)
        {
            var name = manifests.Describe(deployment);
            var silo = KubernetesManifests.Container(deployment, "silo");
            string? FieldOf(string variable) => KubernetesManifests.Env(silo, variable)?.MaybeMap("valueFrom")?.MaybeMap("fieldRef")?.MaybeText("fieldPath");
            FieldOf("POD_IP").ShouldBe("status.podIP", $"{name}: POD_IP (the address the silo advertises)");
            FieldOf("POD_NAME").ShouldBe("metadata.name", $"{name}: POD_NAME");
            FieldOf("POD_NAMESPACE").ShouldBe("metadata.namespace", $"{name}: POD_NAMESPACE");
            KubernetesManifests.PodSpec(deployment).MaybeText("serviceAccountName").ShouldBe("silo", $"{name}: service account");

            string? ValueOf(string variable) => KubernetesManifests.Env(silo, variable)?.MaybeText("value");
            var labels = KubernetesManifests.PodLabels(deployment);
            labels.GetValueOrDefault("orleans/serviceId").ShouldBe(ValueOf("PLATFORM_SILO__SERVICEID"), $"{name}: orleans/serviceId label");
            labels.GetValueOrDefault("orleans/clusterId").ShouldBe(ValueOf("PLATFORM_SILO__CLUSTERID"), $"{name}: orleans/clusterId label");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_silo_command_line_and_variables_parse(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var deployment in manifests.SiloDeployments)
        {
            var silo = KubernetesManifests.Container(deployment, "silo");
            var args = silo.Texts("args");
            // Values from the downward API and secrets stand in with what the pod would get.
            var environment = silo.Maps("env").ToDictionary(entry => entry.Text("name"), entry => entry.MaybeText("value") ?? "platform");
            environment["PLATFORM_SILO__POSTGRES"] = "Host=postgres;Username=platform;Database=platform";

            // A pod whose settings do not parse would crash-loop with exit code 2.
            var settings = Should.NotThrow(() => SiloHostSettingsParser.Parse(args, environment), $"{manifests.Describe(deployment)}: the silo refuses its settings");
            settings.UseKubernetes.ShouldBeTrue($"{manifests.Describe(deployment)}: --kubernetes on");
            settings.Storage.ShouldBe(StorageProvider.Postgres, $"{manifests.Describe(deployment)}: --storage postgres");
            settings.HttpPort.ShouldBe(8080, $"{manifests.Describe(deployment)}: the probes' port");
            settings.Tls.ShouldNotBeNull($"{manifests.Describe(deployment)}: mutual TLS on");
            var shedding = new LoadSheddingOptions();
            settings.Apply(shedding);
            shedding.CpuThreshold.ShouldBeGreaterThan(70, $"{manifests.Describe(deployment)}: gateways shed load only past the autoscaler's CPU target, once pods could not be added");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silos_and_the_api_run_mutual_tls_with_the_certificate_files_of_a_mounted_secret(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var deployment in manifests.SiloDeployments)
        {
            AssertTlsFromSecret(manifests, deployment, "silo", "platform-silo-tls", new()
            {
                ["PLATFORM_SILO__TLSCERTIFICATE"] = "tls.crt",
                ["PLATFORM_SILO__TLSKEY"] = "tls.key",
                ["PLATFORM_SILO__TLSCA"] = "ca.crt",
            });
        }

        AssertTlsFromSecret(manifests, manifests.Single("Deployment", "api"), "api", "platform-api-tls", new()
        {
            ["Api__Tls__CertificatePath"] = "tls.crt",
            ["Api__Tls__KeyPath"] = "tls.key",
            ["Api__Tls__CertificateAuthorityPath"] = "ca.crt",
        });
        manifests.Find("Secret", "platform-silo-tls").ShouldBeNull($"k8s/overlays/{overlay}: certificates and keys are created in the cluster, never kept in the repository");
        manifests.Find("Secret", "platform-api-tls").ShouldBeNull($"k8s/overlays/{overlay}: certificates and keys are created in the cluster, never kept in the repository");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_api_has_probes_an_autoscaler_a_service_and_an_ingress_and_finds_gateways_in_postgres(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        var deployment = manifests.Single("Deployment", "api");
        var name = manifests.Describe(deployment);
        var api = KubernetesManifests.Container(deployment, "api");
        KubernetesManifests.Env(api, "ASPNETCORE_URLS")?.MaybeText("value").ShouldBe("http://+:8080", $"{name}: ASPNETCORE_URLS");
        api.Maps("ports").SingleOrDefault(port => port.MaybeText("name") == "http")?.Text("containerPort").ShouldBe("8080", $"{name}: port http");
        AssertHttpProbe(name, api, "readinessProbe", "/health/ready");
        AssertHttpProbe(name, api, "livenessProbe", "/health/live");
        AssertSecretReference(name, api, "Api__PostgresConnectionString", "platform-postgres");
        KubernetesManifests.Env(api, "Api__Gateways__0").ShouldBeNull($"{name}: gateways come from the membership table, not a fixed list");
        AssertGracefulStop(manifests, deployment, api);
        AssertCpuAutoscaler(manifests, "api", minimum: overlay == "prod" ? 3 : 1, maximum: overlay == "prod" ? 30 : 1);

        var service = manifests.Single("Service", "api");
        service.Map("spec").MaybeMap("selector")?.Labels().ShouldBe(new Dictionary<string, string> { ["app"] = "api" }, $"{manifests.Describe(service)}: selector");
        service.Map("spec").Maps("ports").ShouldHaveSingleItem().Text("targetPort").ShouldBe("http", $"{manifests.Describe(service)}: targetPort");

        var ingress = manifests.Single("Ingress", "api");
        var ingressName = manifests.Describe(ingress);
        ingress.Map("spec").MaybeText("ingressClassName").ShouldBe("nginx", $"{ingressName}: ingress class");
        var rule = ingress.Map("spec").Maps("rules").ShouldHaveSingleItem($"{ingressName} has one rule");
        rule.MaybeText("host").ShouldNotBeNullOrEmpty($"{ingressName} names its host");
        rule.Map("http").Maps("paths").ShouldHaveSingleItem().Map("backend").Map("service").Text("name").ShouldBe("api", $"{ingressName}: backend");
        if (overlay == "prod")
        {
            var tls = ingress.Map("spec").Maps("tls").ShouldHaveSingleItem($"{ingressName} must terminate TLS");
            tls.Texts("hosts").ShouldBe([rule.Text("host")], $"{ingressName}: the TLS host is the rule's host");
            tls.MaybeText("secretName").ShouldNotBeNullOrEmpty($"{ingressName}: TLS secret");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_requests_exactly_what_it_is_limited_to(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var workload in manifests.Workloads)
        {
            foreach (var container in KubernetesManifests.PodSpec(workload).Maps("containers"))
            {
                var name = $"container {container.Text("name")} of {manifests.Describe(workload)}";
                var resources = container.MaybeMap("resources");
                var requests = resources?.MaybeMap("requests")?.Labels() ?? [];
                var limits = resources?.MaybeMap("limits")?.Labels() ?? [];
                requests.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true, $"{name} must request cpu and memory");
                limits.ShouldBe(requests, $"{name}: limits must equal requests (Guaranteed QoS)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_runs_as_non_root_on_a_read_only_root_filesystem_without_capabilities(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var workload in manifests.Workloads)
        {
            var pod = KubernetesManifests.PodSpec(workload);
            foreach (var container in pod.Maps("containers"))
            {
                var name = $"container {container.Text("name")} of {manifests.Describe(workload)}";
                var context = container.MaybeMap("securityContext");
                (context?.MaybeText("runAsNonRoot") ?? pod.MaybeMap("securityContext")?.MaybeText("runAsNonRoot")).ShouldBe("true", $"{name}: runAsNonRoot");
                context?.MaybeText("readOnlyRootFilesystem").ShouldBe("true", $"{name}: readOnlyRootFilesystem");
                context?.MaybeText("allowPrivilegeEscalation").ShouldBe("false", $"{name}: allowPrivilegeEscalation");
                (context?.MaybeMap("capabilities")?.Texts("drop") ?? []).ShouldContain("ALL", $"{name} must drop all capabilities");
            }
        }

        foreach (var deployment in manifests.SiloDeployments.Append(manifests.Single("Deployment", "api")))
        {
            // .NET needs a writable /tmp under a read-only root filesystem.
            var container = KubernetesManifests.PodSpec(deployment).Maps("containers").Single();
            var mount = container.Maps("volumeMounts").SingleOrDefault(volumeMount => volumeMount.Text("mountPath") == "/tmp");
            mount.ShouldNotBeNull($"{manifests.Describe(deployment)} must mount a writable /tmp");
            KubernetesManifests.PodSpec(deployment).Maps("volumes").Single(volume => volume.Text("name") == mount.Text("name"))
                .Child("emptyDir").ShouldNotBeNull($"{manifests.Describe(deployment)}: /tmp must be an emptyDir");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Secrets_come_from_kubernetes_secrets_never_from_literal_values(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        foreach (var deployment in manifests.SiloDeployments)
        {
            var silo = KubernetesManifests.Container(deployment, "silo");
            AssertSecretReference(manifests.Describe(deployment), silo, "PLATFORM_SILO__POSTGRES", "platform-postgres");
            AssertSecretReference(manifests.Describe(deployment), silo, "Payments__Stripe__ApiKey", "platform-stripe");
            AssertSecretReference(manifests.Describe(deployment), silo, "Payments__Stripe__WebhookSecret", "platform-stripe");
        }

        AssertSecretReference(manifests.Describe(manifests.Single("Deployment", "api")), KubernetesManifests.Container(manifests.Single("Deployment", "api"), "api"), "Api__Jwt__SigningKeysPem__0", "platform-jwt");

        // By the key's name, and by the value for a connection string under any name (a pool size is configuration).
        string[] secretWords = ["PASSWORD", "SECRET", "APIKEY", "SIGNINGKEY", "CONNECTIONSTRING", "POSTGRESCONNECTION"];
        string[] connectionStringWords = ["HOST=", "SERVER=", "USERNAME=", "USER ID=", "PASSWORD="];
        foreach (var map in manifests.OfKind("ConfigMap"))
        {
            foreach (var (key, value) in map.MaybeMap("data")?.Labels() ?? [])
            {
                secretWords.ShouldNotContain(word => key.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant().Contains(word, StringComparison.Ordinal),
                    $"{manifests.Describe(map)} holds {key}, which belongs in a Secret");
                connectionStringWords.ShouldNotContain(word => value.ToUpperInvariant().Contains(word, StringComparison.Ordinal),
                    $"{manifests.Describe(map)} holds a connection string in {key}, which belongs in a Secret");
            }
        }

        foreach (var secret in manifests.OfKind("Secret"))
        {
            overlay.ShouldBe("dev", $"{manifests.Describe(secret)}: prod secrets are created in the cluster, never kept in the repository");
            var values = (secret.MaybeMap("data")?.Labels() ?? []).Values.Select(value => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value)));
            values.ShouldAllBe(value => !value.Contains("Password=", StringComparison.Ordinal) || value.Contains("dev-only", StringComparison.Ordinal),
                $"{manifests.Describe(secret)}: dev passwords must be marked dev-only");
            values.ShouldAllBe(value => !value.Contains("PRIVATE KEY", StringComparison.Ordinal), $"{manifests.Describe(secret)} holds a private key");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Network_policies_deny_everything_but_the_platforms_flows(string overlay)
    {
        var manifests = KubernetesManifests.Of(overlay);
        var policies = manifests.OfKind("NetworkPolicy").ToList();
        policies.ShouldContain(policy => IsDefaultDeny(policy), $"k8s/overlays/{overlay} has no default-deny NetworkPolicy (podSelector {{}}, Ingress and Egress, no rules)");
        foreach (var policy in policies)
        {
            var name = manifests.Describe(policy);
            foreach (var rule in policy.Map("spec").Maps("ingress"))
            {
                rule.Maps("from").ShouldNotBeEmpty($"{name} opens ingress from everywhere");
                rule.Maps("from").ShouldAllBe(peer => peer.MaybeMap("podSelector").MatchLabels().Count > 0, $"{name} opens ingress to every pod of a namespace");
                rule.Maps("ports").ShouldNotBeEmpty($"{name} opens ingress on every port");
            }

            foreach (var rule in policy.Map("spec").Maps("egress"))
            {
                rule.Maps("ports").ShouldNotBeEmpty($"{name} opens egress on every port");
            }
        }

        var network = new NetworkPolicyEvaluator(policies);
        void Allowed(string flow, PodEndpoint source, PodEndpoint? destination, int port, string protocol = "TCP") =>
            network.Allows(source, destination, port, protocol).ShouldBeTrue($"k8s/overlays/{overlay}: NetworkPolicies must allow {flow} ({protocol} {port})");
        void Denied(string flow, PodEndpoint source, PodEndpoint? destination, int port) =>
            network.Allows(source, destination, port).ShouldBeFalse($"k8s/overlays/{overlay}: NetworkPolicies must not allow {flow} (TCP {port})");

        Allowed("API -> silo gateway", Api, Silo, 30000);
        Allowed("silo -> silo", Silo, OtherZoneSilo, 11111);
        Allowed("silo -> silo gateway", Silo, OtherZoneSilo, 30000);
        Allowed("ingress controller -> API", IngressController, Api, 8080);
        Allowed("Prometheus -> silo /metrics", Prometheus, Silo, 8080);
        Allowed("Prometheus -> API /metrics", Prometheus, Api, 8080);
        foreach (var pod in new[] { Silo, Api })
        {
            var who = pod == Silo ? "silo" : "API";
            Allowed($"{who} -> DNS", pod, ClusterDns, 53, "UDP");
            Allowed($"{who} -> DNS", pod, ClusterDns, 53);
            Allowed($"{who} -> PostgreSQL", pod, overlay == "dev" ? Postgres : null, 5432);
            Allowed($"{who} -> OTel collector (gRPC)", pod, overlay == "dev" ? Collector : null, 4317);
            Allowed($"{who} -> OTel collector (HTTP)", pod, overlay == "dev" ? Collector : null, 4318);
        }

        Denied("API -> silo-to-silo port", Api, Silo, 11111);
        Denied("ingress controller -> silo gateway", IngressController, Silo, 30000);
        Denied("ingress controller -> API on another port", IngressController, Api, 30000);
        Denied("API -> the outside on HTTP", Api, null, 80);
        Denied("silo -> the outside on HTTP", Silo, null, 80);
        if (overlay == "dev")
        {
            Denied("ingress controller -> PostgreSQL", IngressController, Postgres, 5432);
            Denied("PostgreSQL -> silo", Postgres, Silo, 11111);
        }
    }

    [Fact]
    public void The_dev_overlay_runs_postgres_and_an_otel_collector_and_prod_none_of_them()
    {
        var dev = KubernetesManifests.Of("dev");
        var postgres = dev.Single("StatefulSet", "postgres");
        KubernetesManifests.Container(postgres, "postgres").Text("image").ShouldBe("pgvector/pgvector:pg15", $"{dev.Describe(postgres)}: image");
        var storage = postgres.Map("spec").Maps("volumeClaimTemplates").Count + KubernetesManifests.PodSpec(postgres).Maps("volumes").Count(volume => volume.Child("emptyDir") is not null);
        storage.ShouldBeGreaterThan(0, $"{dev.Describe(postgres)} needs a PVC or an emptyDir for its data");
        dev.Single("Service", "postgres");
        dev.Single("Secret", "platform-postgres");

        var collector = dev.Single("Deployment", "otel-collector");
        KubernetesManifests.Container(collector, "otel-collector").Text("image").ShouldStartWith("otel/opentelemetry-collector-contrib", customMessage: $"{dev.Describe(collector)}: image");
        var configuration = dev.Single("ConfigMap", "otel-collector").Map("data").Text("config.yaml");
        configuration.ShouldContain("debug", customMessage: "the dev collector exports to debug");
        configuration.ShouldContain("otlp", customMessage: "the dev collector receives OTLP");
        dev.Single("Service", "otel-collector");

        var prod = KubernetesManifests.Of("prod");
        prod.OfKind("StatefulSet").ShouldBeEmpty("k8s/overlays/prod must not run PostgreSQL in the cluster");
        prod.Find("Deployment", "otel-collector").ShouldBeNull("k8s/overlays/prod must not run the dev collector");
        prod.Find("Service", "postgres").ShouldBeNull("k8s/overlays/prod must not have the dev PostgreSQL service");
        prod.OfKind("Secret").ShouldBeEmpty("k8s/overlays/prod must not carry secrets");
        foreach (var workload in prod.Workloads)
        {
            foreach (var container in KubernetesManifests.PodSpec(workload).Maps("containers"))
            {
                container.Text("image").ShouldNotEndWith(":latest", customMessage: $"container {container.Text("name")} of {prod.Describe(workload)} must run a pinned image");
            }
        }
    }

    private static PodEndpoint Postgres => PodEndpoint.InPlatform(new Dictionary<string, string> { ["app"] = "postgres" });

    private static PodEndpoint Collector => PodEndpoint.InPlatform(new Dictionary<string, string> { ["app"] = "otel-collector" });

    private static bool IsDefaultDeny(YamlMappingNode policy)
    {
        var spec = policy.Map("spec");
        return spec.MaybeMap("podSelector").MatchLabels().Count == 0
            && spec.Texts("policyTypes").Order().SequenceEqual(["Egress", "Ingress"])
            && spec.Maps("ingress").Count == 0 && spec.Maps("egress").Count == 0;
    }

    private static void AssertHttpProbe(string owner, YamlMappingNode container, string probe, string path)
    {
        var get = container.MaybeMap(probe)?.MaybeMap("httpGet");
        get.ShouldNotBeNull($"{owner}: container {container.Text("name")} has no HTTP {probe}");
        get.MaybeText("path").ShouldBe(path, $"{owner}: {probe} path");
        get.MaybeText("port").ShouldBe("http", $"{owner}: {probe} must use the port named http");
    }

    private static void AssertGracefulStop(KubernetesManifests manifests, YamlMappingNode deployment, YamlMappingNode container)
    {
        var name = manifests.Describe(deployment);
        var preStop = container.MaybeMap("lifecycle")?.MaybeMap("preStop");
        preStop.ShouldNotBeNull($"{name} has no preStop hook");
        var pause = preStop.MaybeMap("exec")?.Texts("command") is ["sleep", var seconds] ? int.Parse(seconds, CultureInfo.InvariantCulture) : 0;
        var shutdown = KubernetesManifests.Env(container, "PLATFORM_SILO__SHUTDOWNTIMEOUT")?.MaybeText("value") is { } timeout
            ? TimeSpan.Parse(timeout, CultureInfo.InvariantCulture)
            : TimeSpan.FromSeconds(30);
        var grace = int.Parse(KubernetesManifests.PodSpec(deployment).MaybeText("terminationGracePeriodSeconds") ?? "30", CultureInfo.InvariantCulture);
        grace.ShouldBeGreaterThanOrEqualTo(45, $"{name}: terminationGracePeriodSeconds must outlast a graceful leave (30 s) with a margin");
        grace.ShouldBeGreaterThan(pause + (int)shutdown.TotalSeconds, $"{name}: Kubernetes must not SIGKILL a process that is still stopping (preStop + shutdown timeout)");

        var strategy = deployment.Map("spec").MaybeMap("strategy")?.MaybeMap("rollingUpdate");
        strategy?.MaybeText("maxUnavailable").ShouldBe("0", $"{name}: a rolling update stops no pod before its replacement is ready");
        strategy?.MaybeText("maxSurge").ShouldBe("1", $"{name}: a rolling update replaces one pod at a time");
    }

    private static void AssertCpuAutoscaler(KubernetesManifests manifests, string deployment, int minimum, int maximum)
    {
        var autoscalers = manifests.OfKind("HorizontalPodAutoscaler")
            .Where(autoscaler => autoscaler.Map("spec").Map("scaleTargetRef") is var target && target.Text("kind") == "Deployment" && target.Text("name") == deployment).ToList();
        autoscalers.Count.ShouldBe(1, $"Deployment/{deployment} in k8s/overlays/{manifests.Overlay} needs exactly one HorizontalPodAutoscaler");
        var name = manifests.Describe(autoscalers[0]);
        var spec = autoscalers[0].Map("spec");
        spec.MaybeText("minReplicas").ShouldBe(minimum.ToString(CultureInfo.InvariantCulture), $"{name}: minReplicas");
        spec.MaybeText("maxReplicas").ShouldBe(maximum.ToString(CultureInfo.InvariantCulture), $"{name}: maxReplicas");
        var resource = spec.Maps("metrics").ShouldHaveSingleItem($"{name} scales on one metric").Map("resource");
        resource.Text("name").ShouldBe("cpu", $"{name}: metric");
        resource.Map("target").Text("type").ShouldBe("Utilization", $"{name}: target type");
        resource.Map("target").Text("averageUtilization").ShouldBe("70", $"{name}: CPU target");
    }

    /// <summary>
    /// Each variable names a file of <paramref name="secret"/>, mounted read-only, readable by the pod's group (the
    /// container's user is not root) and by nobody else.
    /// </summary>
    private static void AssertTlsFromSecret(KubernetesManifests manifests, YamlMappingNode deployment, string containerName, string secret, Dictionary<string, string> fileOf)
    {
        var name = manifests.Describe(deployment);
        var pod = KubernetesManifests.PodSpec(deployment);
        var container = KubernetesManifests.Container(deployment, containerName);
        var volume = pod.Maps("volumes").SingleOrDefault(volume => volume.MaybeMap("secret")?.MaybeText("secretName") == secret);
        volume.ShouldNotBeNull($"{name} does not mount Secret {secret}");
        volume.Map("secret").Child("items").ShouldBeNull($"{name}: the files must keep the Secret's key names");
        volume.Map("secret").MaybeText("defaultMode").ShouldBe("288", $"{name}: {secret}'s files must be 0440 (owner and group read)");
        pod.MaybeMap("securityContext")?.MaybeText("fsGroup").ShouldBe(pod.MaybeMap("securityContext")?.MaybeText("runAsGroup"), $"{name}: fsGroup must be the container's group, which then reads the key");
        var mount = container.Maps("volumeMounts").SingleOrDefault(mount => mount.Text("name") == volume.Text("name"));
        mount.ShouldNotBeNull($"{name}: container {containerName} does not mount Secret {secret}");
        mount.MaybeText("readOnly").ShouldBe("true", $"{name}: {secret} must be mounted read-only");
        foreach (var (variable, file) in fileOf)
        {
            var value = KubernetesManifests.Env(container, variable)?.MaybeText("value");
            value.ShouldBe($"{mount.Text("mountPath")}/{file}", $"{name}: {variable} must name {file} of the mounted Secret {secret}");
        }
    }

    private static void AssertSecretReference(string owner, YamlMappingNode container, string variable, string secret)
    {
        var entry = KubernetesManifests.Env(container, variable);
        entry.ShouldNotBeNull($"{owner}: {variable} is missing");
        entry.Child("value").ShouldBeNull($"{owner}: {variable} must come from a Secret, not a literal value");
        entry.MaybeMap("valueFrom")?.MaybeMap("secretKeyRef")?.MaybeText("name").ShouldBe(secret, $"{owner}: {variable} must come from Secret {secret}");
    }
}
