using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests;

public sealed class DeadlockTests
{
    [Fact]
    public async Task A_call_cycle_between_non_reentrant_grains_fails_at_once_naming_the_chain()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        // Without detection this would hang until the 30 s deadline; the bound here is a safety net, not a timing check.
        var error = await Should.ThrowAsync<DeadlockException>(() => a.CallThrough(["b", "a"]).WaitAsync(TimeSpan.FromSeconds(20)));

        error.CallChain.ShouldBe(["chain/a.CallThrough", "chain/b.CallThrough", "chain/a.CallThrough"]);
        error.Message.ShouldContain("Deadlock: chain/a.CallThrough -> chain/b.CallThrough -> chain/a.CallThrough");
        error.Message.ShouldContain("[Reentrant]");
    }

    [Fact]
    public async Task A_grain_calling_itself_is_a_deadlock_too()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;

        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.GrainFactory.GetGrain<IChainGrain>("self").CallThrough(["self"]).WaitAsync(TimeSpan.FromSeconds(20)));

        error.CallChain.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Reentrant_grains_may_call_back_into_themselves()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;

        var result = await cluster.GrainFactory.GetGrain<IReentrantChainGrain>("a").CallThrough(["b", "a", "c"]);

        result.ShouldBe("a>b>a>c");
    }

    [Fact]
    public async Task Calls_that_revisit_a_grain_after_its_turn_ended_are_not_deadlocks()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        (await a.CallThrough(["b"])).ShouldBe("a>b");
        (await cluster.GrainFactory.GetGrain<IChainGrain>("b").CallThrough(["a"])).ShouldBe("b>a");
    }
}
