using Platform.Client;
using Platform.Runtime.Membership;
using Platform.Runtime.Tests.Grains;
using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClientAndFencingTests
{
    [Fact]
    public async Task A_client_discovers_its_gateways_from_the_membership_table()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b"]);
        var clusterId = cluster.PrimarySilo.Runtime.Cluster!.ClusterId;
        await using var client = await new ClusterClientBuilder()
            .AddGrains(typeof(ClientAndFencingTests).Assembly)
            .UseMembershipTable(cluster.MembershipTable)
            .Configure(options => options.ClusterId = clusterId)
            .ConnectAsync();

        client.ActiveSilos.Count.ShouldBe(2);
        (await client.GetGrain<IPlacedCounterGrain>("discovered").Add(3)).ShouldBe(3);
    }

    [Fact]
    public async Task A_client_skips_a_dead_gateway_and_fails_over_when_its_silo_goes()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b"]);
        var clusterId = cluster.PrimarySilo.Runtime.Cluster!.ClusterId;
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);
        await using var client = await new ClusterClientBuilder()
            .AddGrains(typeof(ClientAndFencingTests).Assembly)
            .UseGateways("127.0.0.1:1", $"{first.Address.Host}:{first.Address.Port}", $"{second.Address.Host}:{second.Address.Port}")
            .Configure(options => options.ClusterId = clusterId)
            .ConnectAsync();

        await cluster.StopSiloAsync(first);
        await Eventually.Until(() => client.ActiveSilos.Count == 1, "the client learns that the silo left");
        foreach (var key in Enumerable.Range(0, 20).Select(i => $"after-{i}"))
        {
            (await client.GetGrain<IPlacedCounterGrain>(key).Host()).ShouldBe(second.Address.ToString());
        }
    }

    [Fact]
    public async Task Connecting_when_no_gateway_answers_names_every_gateway_and_its_error()
    {
        var error = await Should.ThrowAsync<SiloUnavailableException>(() => new ClusterClientBuilder()
            .AddGrains(typeof(ClientAndFencingTests).Assembly)
            .UseGateways("127.0.0.1:1", "127.0.0.1:2")
            .Configure(options => options.ConnectTimeout = TimeSpan.FromSeconds(1))
            .ConnectAsync());
        error.Message.ShouldStartWith("Could not connect to cluster 'platform' within 00:00:01:");
        error.Message.ShouldContain("127.0.0.1:1: Could not connect to 127.0.0.1:1: ConnectionRefused.");
        error.Message.ShouldContain("127.0.0.1:2: Could not connect to 127.0.0.1:2: ConnectionRefused.");
    }

    [Theory]
    [InlineData("localhost", "Gateway 'localhost' must be written as host:port, for example 127.0.0.1:11111.")]
    [InlineData("localhost:http", "Gateway 'localhost:http' has port 'http'; it must be a number from 1 to 65535.")]
    [InlineData("10.0.0.1:0", "Gateway '10.0.0.1:0' has port '0'; it must be a number from 1 to 65535.")]
    public void Malformed_gateways_are_refused_with_what_is_wrong(string gateway, string message)
    {
        Should.Throw<ArgumentException>(() => new ClusterClientBuilder().UseGateways(gateway)).Message.ShouldBe(message);
    }

    [Fact]
    public void A_client_without_gateways_or_table_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => new ClusterClientBuilder().Build())
            .Message.ShouldBe("The client needs gateways (UseGateways) or a membership table (UseMembershipTable) to find the cluster.");
    }

    [Fact]
    public async Task A_silo_declared_dead_by_the_cluster_fences_itself_and_stops_serving()
    {
        await using var cluster = await ClusterTestHost.StartAsync(["a", "b"]);
        var (victim, survivor) = (cluster.Silos[0], cluster.Silos[1]);
        var fenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        victim.Fenced += () => fenced.TrySetResult();

        // As if the others had voted it dead during a partition: only the table says so.
        var table = cluster.MembershipTable;
        var snapshot = await table.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single(entry => entry.Silo == victim.Address);
        (await table.TryUpdateAsync(row with { Status = SiloStatus.Dead }, snapshot.Version, CancellationToken.None)).ShouldBeTrue();

        await fenced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var error = await Should.ThrowAsync<SiloUnavailableException>(() => victim.GrainFactory.GetGrain<IPlacedCounterGrain>("zombie").Add(1));
        error.Message.ShouldContain("was declared dead by the cluster and stopped serving");
        await Eventually.Until(() => survivor.ClusterView!.ActiveSilos.Count == 1, "the survivor no longer routes to the fenced silo");
        (await survivor.GrainFactory.GetGrain<IPlacedCounterGrain>("zombie").Add(1)).ShouldBe(1);
    }
}
