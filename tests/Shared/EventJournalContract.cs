using System.Text.Json;
using Platform.EventSourcing;
using Microsoft.Extensions.Time.Testing;

namespace Platform.Tests.Shared;

/// <summary>
/// What every event journal must do, run against each implementation (in memory and PostgreSQL) so that journaled
/// grains behave the same in tests and in production. Each test uses streams of its own, so implementations whose
/// storage outlives one test (a database per test class) need not be emptied.
/// </summary>
public abstract class EventJournalContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = $"contract-{Guid.NewGuid():N}";

    // Lazy (thread-safe): tests touch the journal first from several writers at once, which must share one instance.
    private readonly Lazy<IEventJournal> _journal;

    protected EventJournalContract() => _journal = new Lazy<IEventJournal>(() => CreateJournal(Time));

    protected FakeTimeProvider Time { get; } = new(Start);

    protected IEventJournal Journal => _journal.Value;

    protected abstract IEventJournal CreateJournal(TimeProvider time);

    [Fact]
    public async Task Appends_get_consecutive_versions_and_a_stream_reads_back_in_version_order()
    {
        var stream = Stream("account/1");

        (await Append(stream, 0, "opened", "deposited")).ShouldBe(new AppendResult(2, Duplicate: false));
        Time.Advance(TimeSpan.FromSeconds(5));
        (await Append(stream, 2, "withdrawn")).ShouldBe(new AppendResult(3, Duplicate: false));

        var events = await Journal.ReadStreamAsync(stream, 0, 10, CancellationToken.None);
        events.Select(e => (e.StreamId, e.Version, e.Type)).ShouldBe([(stream, 1L, "opened"), (stream, 2L, "deposited"), (stream, 3L, "withdrawn")]);
        events.Select(e => e.Timestamp).ShouldBe([Start, Start, Start.AddSeconds(5)]);
        Name(events[1].Data).ShouldBe("deposited");
        events.Select(e => e.Position).ShouldBeInOrder(SortDirection.Ascending);
        events.Select(e => e.Position).Distinct().Count().ShouldBe(3);
        (await Journal.ReadStreamAsync(stream, 1, 1, CancellationToken.None)).Single().Version.ShouldBe(2);
        (await Journal.ReadStreamAsync(stream, 3, 10, CancellationToken.None)).ShouldBeEmpty();
        (await Journal.ReadStreamAsync(Stream("account/none"), 0, 10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stale_append_fails_naming_the_stream_and_both_versions_and_appends_nothing()
    {
        var stream = Stream("account/stale");
        await Append(stream, 0, "opened", "deposited");

        var behind = await Should.ThrowAsync<JournalConcurrencyException>(() => Append(stream, 1, "withdrawn"));
        var ahead = await Should.ThrowAsync<JournalConcurrencyException>(() => Append(stream, 5, "withdrawn"));
        var fresh = await Should.ThrowAsync<JournalConcurrencyException>(() => Append(stream, 0, "opened"));

        behind.Message.ShouldBe(
            $"Append to stream '{stream}' expected version 1, but the stream is at version 2: another writer appended first. Re-read the stream and decide again.");
        (behind.StreamId, behind.ExpectedVersion, behind.ActualVersion).ShouldBe((stream, 1L, 2L));
        (ahead.ExpectedVersion, ahead.ActualVersion).ShouldBe((5L, 2L));
        (fresh.ExpectedVersion, fresh.ActualVersion).ShouldBe((0L, 2L));
        (await Journal.ReadStreamAsync(stream, 0, 10, CancellationToken.None)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_retried_append_with_its_idempotency_key_is_a_no_op_returning_the_original_version()
    {
        var stream = Stream("escrow/1");
        (await AppendWithKey(stream, 0, "pay-1", "authorised", "held")).ShouldBe(new AppendResult(2, Duplicate: false));

        (await AppendWithKey(stream, 0, "pay-1", "authorised", "held")).ShouldBe(new AppendResult(2, Duplicate: true));
        await Append(stream, 2, "captured");
        (await AppendWithKey(stream, 0, "pay-1", "authorised", "held")).ShouldBe(new AppendResult(2, Duplicate: true), "the key wins over a stale version");

        (await Journal.ReadStreamAsync(stream, 0, 10, CancellationToken.None)).Select(e => e.Type).ShouldBe(["authorised", "held", "captured"]);
        (await AppendWithKey(Stream("escrow/2"), 0, "pay-1", "authorised")).ShouldBe(new AppendResult(1, Duplicate: false), "keys are per stream");
    }

    [Fact]
    public async Task An_idempotency_key_is_found_at_the_version_its_append_ended_at()
    {
        var stream = Stream("escrow/find");
        await Append(stream, 0, "opened");
        await AppendWithKey(stream, 1, "pay-3", "authorised", "held");

        (await Journal.FindIdempotencyKeyAsync(stream, "pay-3", CancellationToken.None)).ShouldBe(3);
        (await Journal.FindIdempotencyKeyAsync(stream, "pay-4", CancellationToken.None)).ShouldBeNull();
        (await Journal.FindIdempotencyKeyAsync(Stream("escrow/other"), "pay-3", CancellationToken.None)).ShouldBeNull("keys are per stream");
    }

    [Fact]
    public async Task A_refused_append_does_not_spend_its_idempotency_key()
    {
        var stream = Stream("escrow/refused");
        await Append(stream, 0, "opened");

        await Should.ThrowAsync<JournalConcurrencyException>(() => AppendWithKey(stream, 0, "pay-2", "captured"));

        (await AppendWithKey(stream, 1, "pay-2", "captured")).ShouldBe(new AppendResult(2, Duplicate: false));
    }

    [Fact]
    public async Task Snapshots_keep_the_latest_version_and_never_go_back()
    {
        var stream = Stream("account/snapshots");
        (await Journal.ReadSnapshotAsync(stream, CancellationToken.None)).ShouldBeNull();

        await Journal.WriteSnapshotAsync(stream, Snapshot(2, "two"), CancellationToken.None);
        await Journal.WriteSnapshotAsync(stream, Snapshot(1, "one"), CancellationToken.None);
        await Journal.WriteSnapshotAsync(stream, Snapshot(2, "two again"), CancellationToken.None);

        var stored = (await Journal.ReadSnapshotAsync(stream, CancellationToken.None)).ShouldNotBeNull();
        stored.Version.ShouldBe(2);
        Name(stored.Data).ShouldBe("two");
        await Journal.WriteSnapshotAsync(stream, Snapshot(5, "five"), CancellationToken.None);
        (await Journal.ReadSnapshotAsync(stream, CancellationToken.None))!.Version.ShouldBe(5);
        (await Journal.ReadSnapshotAsync(Stream("account/other"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Concurrent_appenders_on_one_stream_get_exactly_one_winner_per_version()
    {
        var stream = Stream("account/contended");
        for (var version = 0L; version < 10; version++)
        {
            var expected = version;
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
            {
                try
                {
                    await Append(stream, expected, $"writer-{writer}");
                    return (Won: true, Actual: expected + 1);
                }
                catch (JournalConcurrencyException conflict)
                {
                    return (Won: false, Actual: conflict.ActualVersion);
                }
            })));

            outcomes.Count(outcome => outcome.Won).ShouldBe(1, $"appends at version {expected}");
            outcomes.ShouldAllBe(outcome => outcome.Actual == expected + 1);
        }

        (await Journal.ReadStreamAsync(stream, 0, 100, CancellationToken.None)).Select(e => e.Version).ShouldBe(Enumerable.Range(1, 10).Select(v => (long)v));
    }

    [Fact]
    public async Task A_reader_following_its_checkpoint_sees_every_event_exactly_once_in_position_order_while_writers_append()
    {
        const int writers = 6;
        const int appendsPerWriter = 25;
        var checkpoint = await HeadPositionAsync();
        var seen = new List<RecordedEvent>();
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var stream = Stream($"follow/{writer}");
            var version = 0L;
            for (var i = 0; i < appendsPerWriter; i++)
            {
                var types = Enumerable.Range(0, 1 + (i % 3)).Select(n => $"e{i}.{n}").ToArray();
                version = (await Journal.AppendAsync(stream, version, types.Select(Event).ToList(), null, CancellationToken.None)).Version;
            }
        })));

        // Follow until the writers are done and one more read finds nothing new.
        var done = false;
        while (!done)
        {
            done = writing.IsCompleted;
            IReadOnlyList<RecordedEvent> page;
            do
            {
                page = await Journal.ReadAllAsync(checkpoint, 20, CancellationToken.None);
                seen.AddRange(page);
                checkpoint = page.Count > 0 ? page[^1].Position : checkpoint;
            }
            while (page.Count > 0);

            await Task.Yield();
        }

        await writing;
        var ours = seen.Where(e => e.StreamId.StartsWith(_prefix, StringComparison.Ordinal)).ToList();
        ours.Count.ShouldBe(writers * Enumerable.Range(0, appendsPerWriter).Sum(i => 1 + (i % 3)));
        ours.Select(e => (e.StreamId, e.Version)).Distinct().Count().ShouldBe(ours.Count);
        seen.Select(e => e.Position).ShouldBeInOrder(SortDirection.Ascending);
        foreach (var stream in ours.GroupBy(e => e.StreamId))
        {
            stream.Select(e => e.Version).ShouldBe(Enumerable.Range(1, stream.Count()).Select(v => (long)v), $"{stream.Key} in version order");
        }
    }

    [Fact]
    public async Task Calls_outside_the_rules_are_refused()
    {
        var stream = Stream("account/arguments");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Append(stream, -1, "opened"));
        await Should.ThrowAsync<ArgumentException>(() => Journal.AppendAsync(stream, 0, [], null, CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => Journal.AppendAsync("", 0, [Event("opened")], null, CancellationToken.None));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Journal.ReadStreamAsync(stream, 0, 0, CancellationToken.None));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Journal.ReadAllAsync(-1, 10, CancellationToken.None));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Journal.WriteSnapshotAsync(stream, Snapshot(0, "zero"), CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => Journal.FindIdempotencyKeyAsync(stream, " ", CancellationToken.None));
    }

    private string Stream(string name) => $"{_prefix}/{name}";

    private static EventData Event(string type) => new(type, Json(type));

    private static byte[] Json(string name) => JsonSerializer.SerializeToUtf8Bytes(new { name });

    // Compared parsed: jsonb hands back its own formatting.
    private static string? Name(ReadOnlyMemory<byte> json) => JsonDocument.Parse(json).RootElement.GetProperty("name").GetString();

    private Task<AppendResult> Append(string stream, long expectedVersion, params string[] types) =>
        Journal.AppendAsync(stream, expectedVersion, types.Select(Event).ToList(), null, CancellationToken.None);

    private Task<AppendResult> AppendWithKey(string stream, long expectedVersion, string idempotencyKey, params string[] types) =>
        Journal.AppendAsync(stream, expectedVersion, types.Select(Event).ToList(), idempotencyKey, CancellationToken.None);

    private static JournalSnapshot Snapshot(long version, string name) => new(version, Json(name));

    protected async Task<long> HeadPositionAsync()
    {
        var head = 0L;
        IReadOnlyList<RecordedEvent> page;
        while ((page = await Journal.ReadAllAsync(head, 1000, CancellationToken.None)).Count > 0)
        {
            head = page[^1].Position;
        }

        return head;
    }
}
