using Microsoft.Extensions.DependencyInjection;
using Platform.Invocation;
using Platform.Runtime.Reminders;
using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;

namespace Platform.Runtime.Tests;

/// <summary>Reminder durability and tick claiming, on standalone silos that share one table and one manual clock.</summary>
public sealed class ReminderDeliveryTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task Registration_and_cancellation_return_only_once_the_table_holds_them()
    {
        var table = new InstrumentedReminderTable();
        await using var cluster = await StartSiloAsync(table);
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("durable");
        var grainId = ((GrainReference)grain).GrainId;
        table.Writes.Hold();

        var register = grain.Register("durable", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Eventually.Until(() => table.Writes.Waiting == 1, "the registration is writing to the table");
        register.IsCompleted.ShouldBeFalse("the call waits for the table");
        table.Writes.Release();
        await register;
        (await table.ReadAsync(grainId, "durable", CancellationToken.None)).ShouldNotBeNull();

        await grain.Unregister("durable");
        (await table.ReadAsync(grainId, "durable", CancellationToken.None)).ShouldBeNull();
        cluster.PrimarySilo.Runtime.Reminders.IsScheduled(grainId, "durable").ShouldBeFalse();
    }

    [Fact]
    public async Task Two_silos_that_both_fire_a_reminder_deliver_each_tick_once()
    {
        var table = new InstrumentedReminderTable();
        await using var first = await StartSiloAsync(table);
        var grain = first.GrainFactory.GetGrain<IReminderGrain>("shared");
        await grain.Register("beat", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        // Standalone silos own every grain, so the second schedules the same reminder when it starts: both claim each tick.
        await using var second = await StartSiloAsync(table);
        var grainId = ((GrainReference)grain).GrainId;
        first.PrimarySilo.Runtime.Reminders.IsScheduled(grainId, "beat").ShouldBeTrue();
        second.PrimarySilo.Runtime.Reminders.IsScheduled(grainId, "beat").ShouldBeTrue();

        for (var tick = 1; tick <= 3; tick++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.Until(() => Ticks("shared").Count == tick, $"tick {tick} was delivered");
        }

        table.Claims.ShouldBe(6, "both silos tried to claim every tick");
        table.WonClaims.ShouldBe(3, "one claim per tick won, and only won claims are delivered");
        Ticks("shared").ShouldBe(["tick:shared:beat:00:00:10", "tick:shared:beat:00:00:20", "tick:shared:beat:00:00:30"]);
    }

    [Fact]
    public async Task Ticks_missed_while_no_silo_ran_are_delivered_once_and_the_schedule_resumes()
    {
        var table = new InstrumentedReminderTable();
        await using (var first = await StartSiloAsync(table))
        {
            await first.GrainFactory.GetGrain<IReminderGrain>("late").Register("beat", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        }

        // Ticks at 00:00:10, 20, 30 and 40 fall due while no silo runs.
        _time.Advance(TimeSpan.FromSeconds(45));
        await using var second = await StartSiloAsync(table);
        _time.Advance(TimeSpan.Zero);
        await Eventually.Until(() => Ticks("late").Count == 1, "the latest missed tick was delivered");
        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => Ticks("late").Count == 2, "the next tick was delivered on schedule");

        Ticks("late").ShouldBe(["tick:late:beat:00:00:40", "tick:late:beat:00:00:50"]);
    }

    [Fact]
    public async Task A_lost_claim_follows_the_table_when_the_reminder_was_changed_elsewhere()
    {
        var table = new InstrumentedReminderTable();
        await using var cluster = await StartSiloAsync(table);
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("moved");
        var grainId = ((GrainReference)grain).GrainId;
        await grain.Register("beat", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        // Another silo re-registered it (a different start) without this silo knowing.
        var stored = (await table.ReadAsync(grainId, "beat", CancellationToken.None))!;
        await table.UpsertAsync(stored with { StartAt = stored.StartAt.AddSeconds(5) }, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        table.WonClaims.ShouldBe(0, "the stale schedule lost its claim");
        _time.Advance(TimeSpan.FromSeconds(5));

        await Eventually.Until(() => Ticks("moved").Count == 1, "the stored schedule fired");
        Ticks("moved").ShouldBe(["tick:moved:beat:00:00:15"]);
    }

    [Fact]
    public async Task A_sync_that_read_the_table_before_a_registration_or_removal_here_does_not_undo_it()
    {
        var table = new InstrumentedReminderTable();
        await using var cluster = await StartSiloAsync(table);
        var reminders = cluster.PrimarySilo.Runtime.Reminders;
        var removed = cluster.GrainFactory.GetGrain<IReminderGrain>("removed");
        var added = cluster.GrainFactory.GetGrain<IReminderGrain>("added");
        await removed.Register("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        table.Reads.Hold();

        var sync = reminders.SyncAsync(CancellationToken.None);
        await Eventually.Until(() => table.Reads.Waiting == 1, "the sync has its snapshot");
        await removed.Unregister("beat");
        await added.Register("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        table.Reads.Release();
        await sync;

        reminders.IsScheduled(((GrainReference)removed).GrainId, "beat").ShouldBeFalse("the snapshot still had it, but it was removed since");
        reminders.IsScheduled(((GrainReference)added).GrainId, "beat").ShouldBeTrue("the snapshot did not have it yet");
    }

    private List<string> Ticks(string key) => _probe.Events.Where(e => e.StartsWith($"tick:{key}:", StringComparison.Ordinal)).ToList();

    private Task<InProcessTestCluster> StartSiloAsync(IReminderTable table) =>
        InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(ReminderDeliveryTests).Assembly)
            .ConfigureServices(services => services.AddSingleton(_probe).AddSingleton(table))
            .UseTimeProvider(_time)
            .BuildAndStartAsync();
}
