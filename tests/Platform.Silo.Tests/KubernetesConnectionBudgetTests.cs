using System.Globalization;
using System.Text;
using Npgsql;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;

namespace Platform.Silo.Tests;

/// <summary>
/// The dev overlay's PostgreSQL admits every connection the platform's pods may open when the autoscalers run the most
/// pods they may: a manifest whose scale-out would meet "too many clients" fails here, not in a cluster under load.
/// </summary>
public sealed class KubernetesConnectionBudgetTests
{
    /// <summary>PostgreSQL's <c>superuser_reserved_connections</c>, which ordinary users cannot take.</summary>
    private const int SuperuserReserved = 3;

    /// <summary>PostgreSQL's <c>max_connections</c> when the server is not told otherwise.</summary>
    private const int PostgresDefaultMaxConnections = 100;

    /// <summary>Each process's readiness check opens one connection of its own.</summary>
    private const int ReadinessConnections = 1;

    [Fact]
    public void The_dev_postgres_admits_every_connection_the_autoscalers_maximum_scale_may_open()
    {
        var dev = KubernetesManifests.Of("dev");
        var pool = PlatformPoolLimit(dev);
        var matching = int.Parse(
            dev.Single("ConfigMap", "platform-silo").Map("data").MaybeText("Matching__PostgreSql__MaxConnections")
                ?? new PostgreSqlMatchingOptions().MaxConnections.ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);
        var silos = dev.SiloDeployments.Sum(deployment => MaxReplicas(dev, KubernetesManifests.Name(deployment)));
        var apis = MaxReplicas(dev, "api");

        var needed = (silos * (pool + matching + ReadinessConnections)) + (apis * (pool + ReadinessConnections)) + SuperuserReserved;

        MaxConnections(dev).ShouldBeGreaterThanOrEqualTo(
            needed,
            $"{silos} silos × ({pool} platform + {matching} matching + {ReadinessConnections} readiness) and {apis} API instances × ({pool} + {ReadinessConnections}), "
            + $"with {SuperuserReserved} reserved: raise max_connections of StatefulSet/postgres or lower the pools (docs/operations.md, \"Connections\")");
        pool.ShouldBeLessThan(PlatformConnectionStrings.DefaultMaxPoolSize, "the dev connection string sets a small pool of its own");
    }

    /// <summary>The connection string silos and API share, from the dev Secret, with the limit the platform applies to it.</summary>
    private static int PlatformPoolLimit(KubernetesManifests dev)
    {
        var encoded = dev.Single("Secret", "platform-postgres").Map("data").Text("connection");
        var connectionString = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        return new NpgsqlConnectionStringBuilder(PlatformConnectionStrings.Normalize(connectionString)).MaxPoolSize;
    }

    private static int MaxReplicas(KubernetesManifests manifests, string deployment)
    {
        var autoscaler = manifests.OfKind("HorizontalPodAutoscaler")
            .Single(item => item.Map("spec").Map("scaleTargetRef").Text("name") == deployment);
        return int.Parse(autoscaler.Map("spec").Text("maxReplicas"), CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>-c max_connections=N</c> of the PostgreSQL container's arguments, or the server's default.</summary>
    private static int MaxConnections(KubernetesManifests dev)
    {
        var args = KubernetesManifests.Container(dev.Single("StatefulSet", "postgres"), "postgres").Texts("args");
        var setting = args.LastOrDefault(arg => arg.StartsWith("max_connections=", StringComparison.Ordinal));
        return setting is null ? PostgresDefaultMaxConnections : int.Parse(setting["max_connections=".Length..], CultureInfo.InvariantCulture);
    }
}
