using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;

namespace Platform.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Idle_activations_are_collected_after_their_age_and_reactivate_on_the_next_call()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IIdleGrain>("idle");
        var first = await grain.GetActivationId();

        time.Advance(TimeSpan.FromSeconds(90));
        cluster.PrimarySilo.ActivationCount.ShouldBe(1, "the class allows two idle minutes");
        time.Advance(TimeSpan.FromSeconds(45));

        await Eventually.Until(() => cluster.PrimarySilo.ActivationCount == 0, "the idle activation was collected");
        probe.Events.ShouldContain("deactivated:idle:IdleCollected");
        (await grain.GetActivationId()).ShouldNotBe(first);
    }

    [Fact]
    public async Task Calls_keep_an_activation_from_idle_collection()
    {
        var time = new ManualTimeProvider();
        var (cluster, _) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IIdleGrain>("busy");
        var first = await grain.GetActivationId();

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(60));
            (await grain.GetActivationId()).ShouldBe(first);
        }
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_alive_for_the_period()
    {
        var time = new ManualTimeProvider();
        var (cluster, _) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IIdleGrain>("kept");
        var first = await grain.GetActivationId();
        await grain.KeepAliveFor(TimeSpan.FromMinutes(10));

        time.Advance(TimeSpan.FromMinutes(5));

        cluster.PrimarySilo.ActivationCount.ShouldBe(1);
        (await grain.GetActivationId()).ShouldBe(first);
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_turn_and_the_next_call_gets_a_new_activation()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IIdleGrain>("asked");
        var first = await grain.GetActivationId();

        await grain.Deactivate();

        await Eventually.Until(() => probe.Events.Contains("deactivated:asked:ApplicationRequested"), "the grain deactivated");
        (await grain.GetActivationId()).ShouldNotBe(first);
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_grain_gracefully()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("shutdown");
        await grain.Add(1);

        await cluster.DisposeAsync();

        probe.Events.ShouldContain("deactivated:shutdown:ShuttingDown");
    }

    [Fact]
    public async Task A_full_mailbox_rejects_calls_at_once_with_a_clear_error()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IBoundedGrain>("bounded");

        var running = grain.Wait("gate");
        await Eventually.Until(() => probe.Count("waiting:bounded") == 1, "the first call is running");
        var queued = new[] { grain.Ping(), grain.Ping() };
        var rejected = grain.Ping();

        var error = await Should.ThrowAsync<MailboxFullException>(rejected);
        error.Message.ShouldContain("capacity 2");
        probe.Open("gate");
        await running;
        (await Task.WhenAll(queued)).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Stopping_while_an_activation_fails_does_not_wait_for_the_shutdown_timeout()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        var call = cluster.GrainFactory.GetGrain<IGatedActivationGrain>("late").Hello();
        await Eventually.Until(() => probe.Count("activating") == 1, "the activation is in flight");

        var stopping = cluster.PrimarySilo.StopAsync();
        probe.Open("activation");

        // The shutdown timeout is 30 s; finishing well within 10 s shows the failed activation released the stop.
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        (await Should.ThrowAsync<InvalidOperationException>(call)).Message.ShouldBe("activation failed late");
        await cluster.DisposeAsync();
    }
}
