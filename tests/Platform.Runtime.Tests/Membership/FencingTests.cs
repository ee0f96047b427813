using Platform.Runtime.Membership;
using Platform.Tests.Shared;
using static Platform.Tests.Shared.MembershipTestCluster;

namespace Platform.Runtime.Tests.Membership;

public sealed class FencingTests
{
    [Fact]
    public async Task A_silo_the_others_declared_dead_is_fenced_once_and_stops_heartbeating()
    {
        await using var cluster = new MembershipTestCluster(new InMemoryMembershipTable());
        var agents = await cluster.StartAsync("a", "b", "c");
        var fenced = 0;
        agents[2].Fenced += () => fenced++;

        // A partition: silo 3 still reaches the table, but no silo.
        cluster.Network.Isolate(Silo(3));
        await cluster.AdvanceUntilAsync(IsDead(Silo(3)), TimeSpan.FromSeconds(10));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));
        fenced.ShouldBe(1);
        var lastHeartbeat = (await cluster.RowAsync(Silo(3))).IAmAliveTime;

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(10));
        await agents[2].RefreshNowAsync(CancellationToken.None);

        fenced.ShouldBe(1);
        (await cluster.RowAsync(Silo(3))).IAmAliveTime.ShouldBe(lastHeartbeat);
        (await cluster.RowAsync(Silo(1))).Status.ShouldBe(SiloStatus.Active, "one isolated silo's votes are not enough");
        (await cluster.RowAsync(Silo(2))).Status.ShouldBe(SiloStatus.Active);
        await agents[2].LeaveAsync(CancellationToken.None);
        (await cluster.RowAsync(Silo(3))).Status.ShouldBe(SiloStatus.Dead);
    }

    [Fact]
    public async Task A_silo_whose_row_is_gone_is_fenced()
    {
        var table = new FaultyMembershipTable(new InMemoryMembershipTable());
        await using var cluster = new MembershipTestCluster(table);
        var agents = await cluster.StartAsync("a", "b");
        var fenced = 0;
        agents[0].Fenced += () => fenced++;

        table.Hide(Silo(1));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));

        fenced.ShouldBe(1);
    }
}
