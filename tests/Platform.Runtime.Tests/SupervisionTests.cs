using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;

namespace Platform.Runtime.Tests;

public sealed class SupervisionTests
{
    [Fact]
    public async Task Resume_keeps_the_activation_and_its_in_memory_state()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("resume");
        await grain.SetUnsaved(5);
        var before = await grain.GetActivationId();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => grain.Fail("business"));

        error.Message.ShouldBe("business rule violated: business");
        (await grain.GetActivationId()).ShouldBe(before);
        (await grain.Get()).ShouldBe(5);
    }

    [Fact]
    public async Task Restart_discards_the_activation_and_the_next_call_reads_durable_state()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("restart");
        await grain.Add(3);
        await grain.SetUnsaved(99);
        var before = await grain.GetActivationId();

        var error = await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));

        error.Message.ShouldBe("in-memory state is corrupt");
        (await grain.Get()).ShouldBe(3, "the restarted activation starts from the last durable write");
        (await grain.GetActivationId()).ShouldNotBe(before);
        probe.Events.ShouldNotContain("deactivated:restart:SupervisorStopped", "a restart runs no grain code on the failed instance");
    }

    [Fact]
    public async Task Calls_queued_behind_a_crash_are_delivered_to_the_restarted_activation()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("queued-restart");
        await grain.Add(1);
        await grain.SetUnsaved(50);

        var crash = grain.Fail("restart");
        var after = grain.Get();

        await Should.ThrowAsync<CorruptStateException>(crash);
        (await after).ShouldBe(1);
    }

    [Fact]
    public async Task Stop_deactivates_gracefully_and_fails_the_calls_that_were_queued()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("stop");
        await grain.Add(1);

        var crash = grain.Fail("stop");
        var queued = grain.Get();

        await Should.ThrowAsync<StopRequestedException>(crash);
        var stopped = await Should.ThrowAsync<GrainStoppedException>(queued);
        stopped.Message.ShouldContain("stopped by its supervisor");
        stopped.InnerException.ShouldBeOfType<StopRequestedException>();
        probe.Events.ShouldContain("deactivated:stop:SupervisorStopped");
        (await grain.Get()).ShouldBe(1, "the next call activates the grain again");
    }

    [Fact]
    public async Task Escalate_restarts_every_activation_of_the_grain_type()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var failing = cluster.GrainFactory.GetGrain<ICounterGrain>("escalate-1");
        var sibling = cluster.GrainFactory.GetGrain<ICounterGrain>("escalate-2");
        var siblingBefore = await sibling.GetActivationId();
        await failing.GetActivationId();

        await Should.ThrowAsync<EscalationException>(() => failing.Fail("escalate"));

        await Eventually.Until(() => cluster.PrimarySilo.ActivationCount == 0, "every counter activation was discarded");
        (await sibling.GetActivationId()).ShouldNotBe(siblingBefore);
    }

    [Fact]
    public async Task Past_its_restart_intensity_a_grain_type_is_quarantined_then_recovers_after_the_cool_down()
    {
        var time = new ManualTimeProvider();
        var (cluster, _) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("intense");
        var other = cluster.GrainFactory.GetGrain<ICounterGrain>("bystander");

        for (var i = 0; i < 3; i++)
        {
            await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));
        }

        (await other.Get()).ShouldBe(0, "three restarts are within the intensity of 3 in 60 s");
        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));

        var quarantined = await Should.ThrowAsync<GrainQuarantinedException>(() => other.Get());
        quarantined.GrainType.ShouldBe("counter");
        quarantined.Message.ShouldContain("failed more than 3 times within 60 s");

        time.Advance(TimeSpan.FromSeconds(31));
        (await other.Get()).ShouldBe(0);
    }

    [Fact]
    public async Task Restarts_outside_the_window_do_not_count()
    {
        var time = new ManualTimeProvider();
        var (cluster, _) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("spread");

        for (var i = 0; i < 6; i++)
        {
            await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));
            time.Advance(TimeSpan.FromSeconds(25));
        }

        (await grain.Get()).ShouldBe(0);
    }

    [Fact]
    public void Policies_pick_the_most_specific_exception_rule()
    {
        var policy = new Supervision.SupervisionPolicy(
            [
                new(typeof(Exception), SupervisionDirective.Resume),
                new(typeof(InvalidOperationException), SupervisionDirective.Stop),
                new(typeof(ObjectDisposedException), SupervisionDirective.Restart),
            ],
            maxRestarts: 1,
            window: TimeSpan.FromSeconds(1),
            quarantinePeriod: TimeSpan.FromSeconds(1));

        policy.Decide(new ObjectDisposedException("x")).ShouldBe(SupervisionDirective.Restart);
        policy.Decide(new InvalidOperationException()).ShouldBe(SupervisionDirective.Stop);
        policy.Decide(new ArgumentException()).ShouldBe(SupervisionDirective.Resume);
        policy.Decide(new InconsistentStateException("x", null, null)).ShouldBe(SupervisionDirective.Resume);
    }
}
