namespace Platform.Runtime.Tests.Cluster;

/// <summary>Cluster tests run on real time and sockets; running them one at a time keeps probes from starving on two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
