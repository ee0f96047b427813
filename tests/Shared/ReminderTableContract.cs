using Platform.Runtime.Reminders;

namespace Platform.Tests.Shared;

/// <summary>
/// What every reminder table must do, run against each implementation (in memory and PostgreSQL): entries come back
/// exactly as written, and a tick can be claimed once, only on the schedule it was computed from.
/// </summary>
public abstract class ReminderTableContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 30, 15, 123, TimeSpan.Zero);

    protected abstract IReminderTable CreateTable(string clusterId);

    [Fact]
    public async Task Entries_are_read_back_exactly_as_written()
    {
        var table = CreateTable("round-trip");
        var grain = new GrainId("alarm", "a");
        var daily = new ReminderEntry(grain, "daily", Start, TimeSpan.FromDays(1));
        var fast = new ReminderEntry(grain, "fast", Start.AddMilliseconds(1), TimeSpan.FromMilliseconds(250), LastTick: 41);
        var other = new ReminderEntry(new GrainId("alarm", "b"), "daily", Start, TimeSpan.FromHours(25.5));
        foreach (var entry in new[] { fast, other, daily })
        {
            await table.UpsertAsync(entry, CancellationToken.None);
        }

        (await table.ReadAsync(grain, "fast", CancellationToken.None)).ShouldBe(fast);
        (await table.ReadAsync(grain, "missing", CancellationToken.None)).ShouldBeNull();
        (await table.ReadAsync(grain, CancellationToken.None)).ShouldBe([daily, fast]);
        (await table.ReadAllAsync(CancellationToken.None)).ShouldBe([daily, fast, other], ignoreOrder: true);
    }

    [Fact]
    public async Task An_upsert_replaces_the_reminder_and_a_removal_reports_whether_there_was_one()
    {
        var table = CreateTable("replace");
        var grain = new GrainId("alarm", "r");
        await table.UpsertAsync(new ReminderEntry(grain, "r", Start, TimeSpan.FromMinutes(1), LastTick: 7), CancellationToken.None);
        var replaced = new ReminderEntry(grain, "r", Start.AddHours(1), TimeSpan.FromMinutes(5));

        await table.UpsertAsync(replaced, CancellationToken.None);

        (await table.ReadAllAsync(CancellationToken.None)).ShouldBe([replaced]);
        (await table.RemoveAsync(grain, "r", CancellationToken.None)).ShouldBeTrue();
        (await table.RemoveAsync(grain, "r", CancellationToken.None)).ShouldBeFalse();
        (await table.ReadAsync(grain, "r", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_tick_is_claimed_once_and_never_after_a_later_tick()
    {
        var table = CreateTable("claims");
        var entry = new ReminderEntry(new GrainId("alarm", "c"), "c", Start, TimeSpan.FromSeconds(10));
        await table.UpsertAsync(entry, CancellationToken.None);

        (await table.TryClaimTickAsync(entry, 0, CancellationToken.None)).ShouldBeTrue();
        (await table.TryClaimTickAsync(entry, 0, CancellationToken.None)).ShouldBeFalse("tick 0 was delivered already");
        (await table.TryClaimTickAsync(entry, 5, CancellationToken.None)).ShouldBeTrue("missed ticks are skipped, not replayed");
        (await table.TryClaimTickAsync(entry, 3, CancellationToken.None)).ShouldBeFalse("a later tick was delivered already");

        (await table.ReadAsync(entry.GrainId, "c", CancellationToken.None)).ShouldBe(entry with { LastTick = 5 });
    }

    [Fact]
    public async Task Of_concurrent_claims_of_one_tick_exactly_one_wins()
    {
        var table = CreateTable("race");
        var entry = new ReminderEntry(new GrainId("alarm", "race"), "race", Start, TimeSpan.FromSeconds(1));
        await table.UpsertAsync(entry, CancellationToken.None);

        for (var tick = 0; tick < 5; tick++)
        {
            var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => table.TryClaimTickAsync(entry, tick, CancellationToken.None))));

            claims.Count(won => won).ShouldBe(1, $"tick {tick}");
        }
    }

    [Fact]
    public async Task A_claim_on_a_changed_or_removed_reminder_fails()
    {
        var table = CreateTable("stale");
        var grain = new GrainId("alarm", "s");
        var old = new ReminderEntry(grain, "s", Start, TimeSpan.FromSeconds(10));
        await table.UpsertAsync(old, CancellationToken.None);
        var moved = old with { StartAt = Start.AddSeconds(3) };
        await table.UpsertAsync(moved, CancellationToken.None);

        (await table.TryClaimTickAsync(old, 0, CancellationToken.None)).ShouldBeFalse("the reminder was re-registered with another start");
        (await table.TryClaimTickAsync(old with { Period = TimeSpan.FromSeconds(11), StartAt = moved.StartAt }, 0, CancellationToken.None)).ShouldBeFalse("another period");
        (await table.TryClaimTickAsync(moved, 0, CancellationToken.None)).ShouldBeTrue();

        await table.RemoveAsync(grain, "s", CancellationToken.None);
        (await table.TryClaimTickAsync(moved, 1, CancellationToken.None)).ShouldBeFalse("the reminder was removed");
        (await table.ReadAllAsync(CancellationToken.None)).ShouldBeEmpty("a claim never brings a removed reminder back");
    }

    [Fact]
    public async Task Clusters_do_not_see_each_others_reminders()
    {
        var first = CreateTable("first-reminders");
        var second = CreateTable("second-reminders");
        var entry = new ReminderEntry(new GrainId("alarm", "x"), "x", Start, TimeSpan.FromSeconds(1));
        await first.UpsertAsync(entry, CancellationToken.None);

        (await second.ReadAllAsync(CancellationToken.None)).ShouldBeEmpty();
        (await second.TryClaimTickAsync(entry, 0, CancellationToken.None)).ShouldBeFalse();
        (await second.RemoveAsync(entry.GrainId, "x", CancellationToken.None)).ShouldBeFalse();
        (await first.ReadAllAsync(CancellationToken.None)).ShouldBe([entry]);
    }
}
