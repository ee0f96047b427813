using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Platform.Orleans.Supervision;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Tests.Supervision;

// The tests of this class share one silo and its fake clock and run one after another; each uses its own grain ids.
public sealed class SupervisionTests(SupervisionCluster cluster) : IClassFixture<SupervisionCluster>
{
    [Fact]
    public async Task Resume_keeps_the_activation_and_its_in_memory_state()
    {
        var grain = cluster.Grain("supervised", "resume");
        await grain.SetUnsaved(5);
        var before = await grain.GetActivationId();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => grain.Fail("business"));
        await Should.ThrowAsync<ArgumentException>(() => grain.Fail("argument"));

        error.Message.ShouldBe("business rule violated: business");
        (await grain.GetActivationId()).ShouldBe(before, "Resume (and the default for unmatched failures) keeps the activation");
        (await grain.GetUnsaved()).ShouldBe(5);
    }

    [Fact]
    public async Task Restart_deactivates_and_the_next_call_starts_from_persisted_state()
    {
        var grain = cluster.Grain("supervised", "restart");
        await grain.Save(3);
        await grain.SetUnsaved(99);
        var before = await grain.GetActivationId();

        var error = await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));

        error.Message.ShouldBe("in-memory state is corrupt");
        (await grain.GetActivationId()).ShouldNotBe(before);
        (await grain.GetSaved()).ShouldBe(3, "the restarted activation read its persisted state");
        (await grain.GetUnsaved()).ShouldBe(0, "in-memory state of the failed activation is gone");
    }

    [Fact]
    public async Task Stop_refuses_calls_to_the_grain_until_the_stop_duration_has_passed()
    {
        var grain = cluster.Grain("supervised", "stop");
        await grain.Save(1);
        var sibling = cluster.Grain("supervised", "stop-sibling");
        await sibling.SetUnsaved(1);

        await Should.ThrowAsync<StopRequestedException>(() => grain.Fail("stop"));

        var stopped = await Should.ThrowAsync<GrainStoppedException>(() => grain.GetSaved());
        stopped.GrainId.ShouldBe("supervised/stop");
        stopped.Until.ShouldBe(cluster.Time.GetUtcNow() + SupervisionCluster.StopDuration);
        stopped.Message.ShouldContain("supervised/stop was stopped by its supervisor");
        stopped.Message.ShouldContain($"until {stopped.Until:O}");
        (await sibling.GetUnsaved()).ShouldBe(1, "only the failed grain id is stopped");

        cluster.Time.Advance(SupervisionCluster.StopDuration - TimeSpan.FromSeconds(1));
        await Should.ThrowAsync<GrainStoppedException>(() => grain.GetSaved());

        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        (await grain.GetSaved()).ShouldBe(1, "after the stop the grain activates again from persisted state");
    }

    [Fact]
    public async Task Escalate_restarts_every_activation_of_the_grain_type()
    {
        var failing = cluster.Grain("supervised", "escalate-1");
        var sibling = cluster.Grain("supervised", "escalate-2");
        await sibling.SetUnsaved(7);
        var siblingBefore = await sibling.GetActivationId();
        var failingBefore = await failing.GetActivationId();

        await Should.ThrowAsync<EscalationException>(() => failing.Fail("escalate"));

        (await failing.GetActivationId()).ShouldNotBe(failingBefore);
        (await sibling.GetActivationId()).ShouldNotBe(siblingBefore, "an escalated failure restarts the whole grain type");
        (await sibling.GetUnsaved()).ShouldBe(0);
    }

    [Fact]
    public async Task Past_its_restart_intensity_a_grain_type_is_quarantined_until_the_cool_down_ends()
    {
        var grain = cluster.Grain("quarantine-test", "failing");
        var bystander = cluster.Grain("quarantine-test", "bystander");
        await bystander.Save(4);

        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));
        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));
        (await bystander.GetSaved()).ShouldBe(4, "two restarts are within the intensity of 2 in 60 s");

        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));

        var quarantined = await Should.ThrowAsync<GrainQuarantinedException>(() => bystander.GetSaved());
        quarantined.GrainType.ShouldBe("quarantine-test");
        quarantined.Until.ShouldBe(cluster.Time.GetUtcNow() + SupervisionCluster.QuarantineCoolDown);
        quarantined.Message.ShouldContain("Grain type 'quarantine-test' is quarantined");
        quarantined.Message.ShouldContain("restarted more than 2 times within 60 s");
        (await cluster.Grain("supervised", "other-type").GetSaved()).ShouldBe(0, "other grain types are not affected");

        cluster.Time.Advance(SupervisionCluster.QuarantineCoolDown - TimeSpan.FromSeconds(1));
        await Should.ThrowAsync<GrainQuarantinedException>(() => grain.GetSaved());

        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        (await bystander.GetSaved()).ShouldBe(4);
        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));
        (await bystander.GetSaved()).ShouldBe(4, "the cool-down starts the count afresh");
    }

    [Fact]
    public async Task Restarts_outside_the_window_do_not_count()
    {
        var grain = cluster.Grain("window-test", "spread");

        for (var i = 0; i < 5; i++)
        {
            await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));
            cluster.Time.Advance(TimeSpan.FromSeconds(31));
        }

        (await grain.GetSaved()).ShouldBe(0);
    }

    [Fact]
    public async Task Directives_and_quarantines_are_counted_by_grain_type_and_directive()
    {
        var directives = new ConcurrentQueue<(string? GrainType, string? Directive)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PlatformOrleansMeter.Name && instrument.Name == SupervisionInstruments.DirectivesName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => directives.Enqueue((Tag(tags, "grain.type"), Tag(tags, "directive"))));
        listener.Start();
        var grain = cluster.Grain("supervised", "metrics");

        await Should.ThrowAsync<InvalidOperationException>(() => grain.Fail("business"));
        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));

        directives.ShouldBe([("supervised", "Resume"), ("supervised", "Restart")]);
    }

    [Fact]
    public void The_most_specific_exception_rule_wins_and_unmatched_failures_resume()
    {
        var policy = SupervisionPolicy.ForGrainClass(typeof(SupervisedGrain), new SupervisionOptions());

        policy.Decide(new CorruptStateException("x")).ShouldBe(SupervisionDirective.Restart);
        policy.Decide(new InvalidOperationException()).ShouldBe(SupervisionDirective.Resume);
        policy.Decide(new ObjectDisposedException("x")).ShouldBe(SupervisionDirective.Resume, "inherits InvalidOperationException's rule");
        policy.Decide(new StopRequestedException("x")).ShouldBe(SupervisionDirective.Stop);
        policy.Decide(new TimeoutException()).ShouldBe(SupervisionDirective.Resume);
        policy.MaxRestarts.ShouldBe(1000);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
