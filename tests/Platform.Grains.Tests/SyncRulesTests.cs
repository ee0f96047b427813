using System.Globalization;
using Platform.Grains.Sync;

namespace Platform.Grains.Tests;

public sealed class SyncRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a:2", "a:1", true)]
    [InlineData("a:1,b:1", "a:1", true)]
    [InlineData("a:1", "a:1", false)]
    [InlineData("a:1", "a:1,b:0", false)]
    [InlineData("a:2", "b:1", false)]
    [InlineData("a:2,b:0", "a:1,b:1", false)]
    [InlineData("a:1", "a:2", false)]
    public void A_clock_dominates_another_when_no_counter_is_lower_and_one_is_higher(string clock, string other, bool dominates)
    {
        SyncMerge.Dominates(Parse(clock), Parse(other)).ShouldBe(dominates);
    }

    [Fact]
    public void A_client_timestamp_is_clamped_to_the_receive_time_and_kept_when_earlier()
    {
        SyncMerge.EffectiveTimestamp(At.AddHours(1), At).ShouldBe(At);
        SyncMerge.EffectiveTimestamp(At.AddMinutes(-5), At).ShouldBe(At.AddMinutes(-5));
        SyncMerge.EffectiveTimestamp(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(2)), At).Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Concurrent_writes_order_by_timestamp_then_device_then_transaction_hash()
    {
        var write = new SyncWrite("h-1", "b", Parse("b:1"), "x", At);

        SyncMerge.CompareConcurrent(write, write with { Timestamp = At.AddTicks(-1), DeviceId = "z" }).ShouldBePositive();
        SyncMerge.CompareConcurrent(write, write with { DeviceId = "a", TransactionHash = "h-9" }).ShouldBePositive();
        SyncMerge.CompareConcurrent(write, write with { DeviceId = "B" }).ShouldBePositive("device ids compare ordinally: 'b' > 'B'");
        SyncMerge.CompareConcurrent(write, write with { TransactionHash = "h-2" }).ShouldBeNegative();
    }

    [Fact]
    public void Every_arrival_order_of_the_same_writes_gives_the_same_entry()
    {
        // The trap of a running winner: a dominates b but is older than c, which is concurrent with both and older than b.
        // Keeping only the winner, "a, b, c" ends on c while "c, b, a" ends on a.
        ClientMutation[] writes =
        [
            Mutation("h-a", "p", "a", At.AddMinutes(3), "p:2,t:1"),
            Mutation("h-b", "t", "b", At.AddMinutes(10), "t:1"),
            Mutation("h-c", "q", "c", At.AddMinutes(5), "q:1"),
            Mutation("h-d", "t", "d", At.AddMinutes(1), "t:2"),
            Mutation("h-e", "p", "e", At.AddMinutes(2), "p:1"),
        ];

        var results = Permutations(writes)
            .Select(order => SyncMerge.ChangesSince(SyncMerge.Apply(new SyncState(), order, At.AddDays(1)).Next, 0).Single())
            .Select(change => $"{change.Value} {string.Join(',', change.VectorClock.OrderBy(pair => pair.Key, StringComparer.Ordinal))}")
            .Distinct()
            .ToArray();

        // Left: a (dominates b and e), c (concurrent) and d (dominates b, concurrent with a and c); c is the latest of them.
        results.ShouldBe(["c [p, 2],[q, 1],[t, 2]"]);
    }

    [Fact]
    public void A_batch_of_duplicates_leaves_the_state_as_it_was()
    {
        var write = Mutation("h-1", "p", "v", At, "p:1");
        var once = SyncMerge.Apply(new SyncState(), [write], At).Next;

        var (next, outcomes) = SyncMerge.Apply(once, [write, write], At);

        next.ShouldBeSameAs(once);
        outcomes.Select(outcome => outcome.Status).ShouldBe([MutationStatus.Duplicate, MutationStatus.Duplicate]);
    }

    private static ClientMutation Mutation(string hash, string device, string value, DateTimeOffset at, string clock) =>
        new(hash, device, Parse(clock), "note", "n1", value, at);

    private static Dictionary<string, long> Parse(string clock) =>
        clock.Split(',').Select(part => part.Split(':')).ToDictionary(part => part[0], part => long.Parse(part[1], CultureInfo.InvariantCulture));

    private static IEnumerable<ClientMutation[]> Permutations(ClientMutation[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => rest.Prepend(item).ToArray()));
}
