using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;

namespace Platform.Runtime.Tests;

public sealed class TimerAndReminderTests
{
    [Fact]
    public async Task A_grain_timer_ticks_every_period_until_disposed()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("ticker");
        await grain.Start(TimeSpan.FromSeconds(5));

        for (var expected = 1; expected <= 3; expected++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Eventually.Until(() => probe.Count("tick") == expected, $"tick {expected} ran");

            // A call queued behind the tick runs only after the tick's turn ended, which is when the timer re-arms.
            (await grain.GetTicks()).ShouldBe(expected);
        }

        await grain.StopTimer();
        time.Advance(TimeSpan.FromSeconds(30));
        (await grain.GetTicks()).ShouldBe(3);
    }

    [Fact]
    public async Task Timer_ticks_wait_for_the_running_turn()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("polite");
        await grain.Start(TimeSpan.FromSeconds(1));

        var call = grain.WaitForGate("gate");
        time.Advance(TimeSpan.FromSeconds(1));
        probe.Open("gate");
        await call;

        await Eventually.Until(() => probe.Count("tick") == 1, "the tick ran after the call");
        probe.Count("tick-during-call").ShouldBe(0);
    }

    [Fact]
    public async Task Timers_stop_when_the_grain_deactivates()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("gone");
        await grain.Start(TimeSpan.FromSeconds(1));
        await grain.Deactivate();
        await Eventually.Until(() => cluster.PrimarySilo.ActivationCount == 0, "the grain deactivated");

        time.Advance(TimeSpan.FromSeconds(10));

        probe.Count("tick").ShouldBe(0);
        cluster.PrimarySilo.ActivationCount.ShouldBe(0, "a stopped timer does not wake the grain");
    }

    [Fact]
    public async Task Reminders_fire_on_schedule_and_reactivate_a_deactivated_grain()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("r");
        await grain.Register("daily", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        await grain.Deactivate();
        await Eventually.Until(() => cluster.PrimarySilo.ActivationCount == 0, "the grain deactivated");

        time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.Until(() => probe.Events.Contains("tick:r:daily:00:00:10"), "the first tick arrived");
        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Until(() => probe.Events.Contains("tick:r:daily:00:01:10"), "the second tick arrived");

        (await grain.List()).ShouldBe(["daily"]);
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("u");
        await grain.Register("soon", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => probe.Events.Count(e => e.StartsWith("tick:u:soon", StringComparison.Ordinal)) == 1, "one tick");

        await grain.Unregister("soon");
        time.Advance(TimeSpan.FromSeconds(10));

        probe.Events.Count(e => e.StartsWith("tick:u:soon", StringComparison.Ordinal)).ShouldBe(1);
        (await grain.List()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reminders_need_a_remindable_grain_and_a_positive_period()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;

        var notRemindable = await Should.ThrowAsync<InvalidOperationException>(
            () => cluster.GrainFactory.GetGrain<ICounterGrain>("x").RegisterReminderWithoutRemindable());
        notRemindable.Message.ShouldContain("does not implement IRemindable");

        var badPeriod = await Should.ThrowAsync<ArgumentOutOfRangeException>(
            () => cluster.GrainFactory.GetGrain<IReminderGrain>("y").Register("bad", TimeSpan.Zero, TimeSpan.Zero));
        badPeriod.Message.ShouldContain("period must be at least 1 ms");
    }
}
