using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests;

public sealed class CallSemanticsTests
{
    [Fact]
    public async Task Grains_are_addressed_by_string_guid_and_integer_keys()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var guid = Guid.NewGuid();

        (await cluster.GrainFactory.GetGrain<IGuidKeyGrain>(guid).GetKey()).ShouldBe(guid);
        (await cluster.GrainFactory.GetGrain<IIntegerKeyGrain>(-42).GetKey()).ShouldBe(-42);
        (await cluster.GrainFactory.GetGrain<IIntegerKeyGrain>(7).GetKeyFast()).ShouldBe(7);
        cluster.GrainFactory.GetGrain<IIntegerKeyGrain>(7).GetPrimaryKeyLong().ShouldBe(7);
        cluster.GrainFactory.GetGrain<ICounterGrain>("abc").GetPrimaryKeyString().ShouldBe("abc");
        cluster.GrainFactory.GetGrain<ICounterGrain>("abc").ShouldBe(cluster.GrainFactory.GetGrain<ICounterGrain>("abc"));
    }

    [Fact]
    public async Task A_grain_is_activated_once_and_keeps_its_state_between_calls()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("once");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => counter.Add(1)));

        (await counter.Get()).ShouldBe(50);
        probe.Count("activated:once").ShouldBe(1);
        cluster.PrimarySilo.ActivationCount.ShouldBe(1);
    }

    [Fact]
    public async Task Turns_of_a_non_reentrant_grain_never_interleave_and_run_in_arrival_order()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IOrderGrain>("serial");

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => grain.SlowIncrement()));

        results.ShouldBe(Enumerable.Range(1, 100).ToArray());
    }

    [Fact]
    public async Task A_call_to_a_busy_non_reentrant_grain_waits_for_the_running_turn()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IOrderGrain>("busy");

        var waiting = grain.WaitForGate("g");
        var ping = grain.Ping();
        probe.Open("g");
        await Task.WhenAll(waiting, ping);

        (await grain.GetLog()).ShouldBe(["wait-start:g", "wait-end:g", "ping"]);
    }

    [Fact]
    public async Task Calls_to_a_reentrant_grain_interleave_at_await_points()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IReentrantGrain>("reentrant");

        var waiting = grain.WaitForGate("g");
        await grain.Ping();
        probe.Open("g");
        await waiting;

        (await grain.GetLog()).ShouldBe(["wait-start:g", "ping", "wait-end:g"]);
    }

    [Fact]
    public async Task Reentrant_grains_still_run_one_piece_of_code_at_a_time()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IReentrantGrain>("racy");

        // Interleaved SlowIncrements lose updates (that is what reentrancy allows) but never corrupt the log list,
        // which would throw if two threads appended at once.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.Interleaved()));

        (await grain.GetLog()).Count.ShouldBe(200);
    }

    [Fact]
    public async Task Always_interleave_methods_run_while_a_non_reentrant_turn_is_waiting()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IOrderGrain>("interleave");

        var waiting = grain.WaitForGate("g");
        await grain.Interleaved();
        probe.Open("g");
        await waiting;

        (await grain.GetLog()).ShouldBe(["wait-start:g", "interleaved", "wait-end:g"]);
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_writers()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IOrderGrain>("readers");

        var first = grain.ReadWhileGated("a");
        var second = grain.ReadWhileGated("b");
        probe.Open("b");
        await second;
        var writer = grain.Ping();
        probe.Open("a");
        await Task.WhenAll(first, writer);

        (await grain.GetLog()).ShouldBe(["read-start:a", "read-start:b", "read-end:b", "read-end:a", "ping"]);
    }

    [Fact]
    public async Task One_way_calls_return_before_the_grain_runs_them()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IChainGrain>("one-way");

        var call = grain.CallThroughOneWay(["x"]);

        call.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Asking_for_an_interface_no_grain_implements_fails_with_a_clear_error()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;

        var error = Should.Throw<UnknownGrainTypeException>(() => cluster.GrainFactory.GetGrain<IGateOperations>("x"));

        error.Message.ShouldContain("implemented by several grain classes");
    }

    [Fact]
    public async Task A_failed_activation_fails_the_waiting_call_and_the_next_call_activates_again()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IFlakyActivationGrain>("flaky");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => grain.Hello());

        error.Message.ShouldBe("the first activation fails");
        (await grain.Hello()).ShouldBe("hello");
        probe.Count("activation-attempt").ShouldBe(2);
    }

    [Fact]
    public async Task The_silo_lists_the_grain_types_it_hosts()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;

        cluster.PrimarySilo.GrainTypes.ShouldContain("counter");
        cluster.PrimarySilo.GrainTypes.ShouldContain("chain");
        cluster.PrimarySilo.GrainTypes.ShouldNotContain("observer");
        cluster.PrimarySilo.GrainTypes.ShouldBe(cluster.PrimarySilo.GrainTypes.Order(StringComparer.Ordinal).ToList());
    }
}
