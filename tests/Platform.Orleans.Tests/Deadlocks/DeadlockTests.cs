using Platform.Orleans.Deadlocks;

namespace Platform.Orleans.Tests.Deadlocks;

public sealed class DeadlockTests(TwoSiloCluster cluster) : IClassFixture<TwoSiloCluster>
{
    // Without detection a deadlocked call waits for the 30 s response timeout; this bound only keeps a broken build's
    // test run short.
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_cycle_across_two_silos_fails_at_once_naming_every_hop()
    {
        var (a, b) = await KeysOnDifferentSilos("cycle");

        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.Chain("chain", a).Visit([$"chain:{b}", $"chain:{a}"]).WaitAsync(SafetyNet));

        error.CallChain.ShouldBe([$"chain/{a} IChainGrain.Visit", $"chain/{b} IChainGrain.Visit", $"chain/{a} IChainGrain.Visit"]);
        error.Message.ShouldStartWith($"Deadlock: chain/{a} IChainGrain.Visit -> chain/{b} IChainGrain.Visit -> chain/{a} IChainGrain.Visit.");
        error.Message.ShouldContain("[Reentrant]");
    }

    [Fact]
    public async Task A_cycle_within_one_silo_fails_at_once_naming_every_hop()
    {
        // Callees active on the caller's silo get the chain beside the request, not in the request context.
        var (a, b) = await KeysOnSameSilo("local-cycle");

        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.Chain("chain", a).Visit([$"chain:{b}", $"chain:{a}"]).WaitAsync(SafetyNet));

        error.CallChain.ShouldBe([$"chain/{a} IChainGrain.Visit", $"chain/{b} IChainGrain.Visit", $"chain/{a} IChainGrain.Visit"]);
    }

    [Fact]
    public async Task A_chain_that_crosses_silos_and_then_stays_on_one_is_still_seen()
    {
        // a -> b crosses silos (request context); b -> c stays on b's silo (beside the request); c -> a crosses back.
        var (a, b) = await KeysOnDifferentSilos("mixed");
        var (_, c) = await KeysOnSameSilo("mixed-c", near: b);

        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.Chain("chain", a).Visit([$"chain:{b}", $"chain:{c}", $"chain:{a}"]).WaitAsync(SafetyNet));

        error.CallChain.ShouldBe([$"chain/{a} IChainGrain.Visit", $"chain/{b} IChainGrain.Visit", $"chain/{c} IChainGrain.Visit", $"chain/{a} IChainGrain.Visit"]);
    }

    [Fact]
    public async Task A_grain_calling_itself_is_a_deadlock()
    {
        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.Chain("chain", "self").Visit(["chain:self"]).WaitAsync(SafetyNet));

        error.CallChain.ShouldBe(["chain/self IChainGrain.Visit", "chain/self IChainGrain.Visit"]);
    }

    [Fact]
    public async Task Reentrant_grains_may_be_called_back()
    {
        var (a, b) = await KeysOnDifferentSilos("reentrant");

        var result = await cluster.Chain("reentrant-chain", a)
            .Visit([$"chain:{b}", $"reentrant-chain:{a}", "reentrant-chain:self", "reentrant-chain:self"])
            .WaitAsync(SafetyNet);

        result.ShouldBe($"{a}>{b}>{a}>self>self");
    }

    [Fact]
    public async Task Always_interleave_methods_may_be_called_back()
    {
        var (a, b) = await KeysOnDifferentSilos("interleave");

        var result = await cluster.Chain("chain", a).Visit([$"chain:{b}", $"chain:{a}!"]).WaitAsync(SafetyNet);

        result.ShouldBe($"{a}>{b}>{a}");
    }

    [Fact]
    public async Task A_turn_interleaved_into_a_waiting_grain_carries_its_own_chain()
    {
        // The interleaved turn runs on a while a's first turn waits; its call that comes back to a non-interleaving
        // method of a must still be refused (a's first turn holds the grain), and named through the interleaved hop.
        var (a, b) = await KeysOnDifferentSilos("interleaved-chain");

        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.Chain("chain", a).Visit([$"chain:{b}", $"chain:{a}!", "chain:interleaved-chain-c", $"chain:{a}"]).WaitAsync(SafetyNet));

        error.CallChain.ShouldBe([
            $"chain/{a} IChainGrain.Visit",
            $"chain/{b} IChainGrain.Visit",
            $"chain/{a} IChainGrain.VisitInterleaved",
            "chain/interleaved-chain-c IChainGrain.Visit",
            $"chain/{a} IChainGrain.Visit",
        ]);
    }

    [Fact]
    public async Task Calls_inside_a_call_chain_reentrancy_section_may_come_back()
    {
        var (a, b) = await KeysOnDifferentSilos("section");

        var result = await cluster.Chain("chain", a).VisitAllowingCallChainReentrancy([$"chain:{b}", $"chain:{a}"]).WaitAsync(SafetyNet);

        result.ShouldBe($"{a}>{b}>{a}");
    }

    [Fact]
    public async Task Stateless_workers_are_not_single_activations()
    {
        var result = await cluster.Chain("worker-chain", "w").Visit(["chain:via-worker", "worker-chain:w"]).WaitAsync(SafetyNet);

        result.ShouldBe("w>via-worker>w");
    }

    [Fact]
    public async Task Calls_that_revisit_a_grain_after_its_turn_ended_are_not_deadlocks()
    {
        var a = cluster.Chain("chain", "seq-a");

        (await a.Visit(["chain:seq-b"])).ShouldBe("seq-a>seq-b");
        (await cluster.Chain("chain", "seq-b").Visit(["chain:seq-a"])).ShouldBe("seq-b>seq-a");
        (await a.Visit(["chain:seq-b", "chain:seq-c", "chain:seq-d"])).ShouldBe("seq-a>seq-b>seq-c>seq-d");
    }

    [Fact]
    public async Task A_call_made_without_waiting_may_come_back_once_its_call_chain_is_detached()
    {
        await cluster.Chain("chain", "detached-a").StartUnawaitedVisit(["chain:detached-b", "chain:detached-a"], detachCallChain: true);

        (await ChainGrainBase.Outcome("detached-a").WaitAsync(SafetyNet)).ShouldBe("detached-a>detached-b>detached-a");
    }

    [Fact]
    public async Task A_call_made_without_waiting_keeps_its_call_chain_unless_detached()
    {
        // The documented limit of a chain carried in RequestContext: it cannot tell that the caller stopped waiting.
        await cluster.Chain("chain", "attached-a").StartUnawaitedVisit(["chain:attached-b", "chain:attached-a"], detachCallChain: false);

        await Should.ThrowAsync<DeadlockException>(() => ChainGrainBase.Outcome("attached-a").WaitAsync(SafetyNet));
    }

    [Fact]
    public async Task The_callee_of_a_one_way_call_may_call_back()
    {
        await cluster.Chain("chain", "one-way-a").SendOneWay("one-way-b", ["chain:one-way-a"]);

        (await ChainGrainBase.Outcome("one-way-b").WaitAsync(SafetyNet)).ShouldBe("one-way-b>one-way-a");
    }

    [Fact]
    public async Task A_client_observer_calling_back_into_the_grain_that_called_it_is_refused_on_the_client()
    {
        var observer = new ClientChainObserver(cluster.Grains);
        var reference = cluster.Grains.CreateObjectReference<IChainObserver>(observer);

        var error = await Should.ThrowAsync<DeadlockException>(
            () => cluster.Chain("chain", "observed").VisitThroughObserver(reference, ["chain:observed"]).WaitAsync(SafetyNet));
        var free = await cluster.Chain("chain", "observed").VisitThroughObserver(reference, ["chain:elsewhere"]).WaitAsync(SafetyNet);

        error.CallChain.Count.ShouldBe(3);
        error.CallChain[0].ShouldBe("chain/observed IChainGrain.VisitThroughObserver");
        error.CallChain[1].ShouldEndWith(" IChainObserver.OnVisit");
        error.CallChain[2].ShouldBe("chain/observed IChainGrain.Visit");
        free.ShouldBe("observer>elsewhere");
        GC.KeepAlive(observer);
    }

    /// <summary>Two keys of "chain" grains whose activations live on the same silo (placement is random).</summary>
    private async Task<(string A, string B)> KeysOnSameSilo(string prefix, string? near = null)
    {
        var first = near ?? $"{prefix}-a";
        var firstSilo = await cluster.Chain("chain", first).WhereAmI();
        for (var i = 0; i < 100; i++)
        {
            var candidate = $"{prefix}-b{i}";
            if (await cluster.Chain("chain", candidate).WhereAmI() == firstSilo)
            {
                return (first, candidate);
            }
        }

        throw new InvalidOperationException("Placement put 100 grains on other silos.");
    }

    /// <summary>Two keys of "chain" grains whose activations live on different silos (placement is random).</summary>
    private async Task<(string A, string B)> KeysOnDifferentSilos(string prefix)
    {
        var first = $"{prefix}-a";
        var firstSilo = await cluster.Chain("chain", first).WhereAmI();
        for (var i = 0; i < 100; i++)
        {
            var candidate = $"{prefix}-b{i}";
            if (await cluster.Chain("chain", candidate).WhereAmI() != firstSilo)
            {
                return (first, candidate);
            }
        }

        throw new InvalidOperationException("Placement put 100 grains on one silo.");
    }
}
