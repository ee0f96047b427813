using Platform.Grains.Sync;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

[Collection(MarketplaceCollection.Name)]
public sealed class SyncTests(MarketplaceCluster cluster)
{
    private const string Phone = "phone";

    private const string Tablet = "tablet";

    [Fact]
    public async Task Replaying_a_batch_applies_nothing_twice()
    {
        var user = NewUser();
        var at = cluster.Now.AddMinutes(-10);
        var batch = new SyncRequest(Phone, 0,
        [
            Note("h-1", Phone, "n1", "first", at, (Phone, 1)),
            Note("h-2", Phone, "n2", "second", at.AddMinutes(1), (Phone, 2)),
            Note("h-1", Phone, "n1", "first", at, (Phone, 1)),
        ]);

        var first = await user.Sync(batch);
        first.Outcomes.Select(outcome => outcome.Status).ShouldBe([MutationStatus.Applied, MutationStatus.Applied, MutationStatus.Duplicate]);
        first.Cursor.ShouldBe(2L);

        var replay = await user.Sync(batch);
        replay.Outcomes.Select(outcome => outcome.Status).ShouldBe([MutationStatus.Duplicate, MutationStatus.Duplicate, MutationStatus.Duplicate]);
        replay.Cursor.ShouldBe(2L, "a replay takes no sequence number");
        Values(replay).ShouldBe(["n1=first", "n2=second"]);

        // A replay of an old write after a newer one must not bring the old value back.
        await user.Sync(new SyncRequest(Phone, 2, [Note("h-3", Phone, "n1", "edited", at.AddMinutes(2), (Phone, 3))]));
        var late = await user.Sync(batch with { Cursor = 3 });
        late.Outcomes.ShouldAllBe(outcome => outcome.Status == MutationStatus.Duplicate);
        Values(await user.Changes(0)).ShouldBe(["n2=second", "n1=edited"]);
    }

    [Fact]
    public async Task Batches_arriving_in_any_order_converge_to_the_same_entries()
    {
        var at = cluster.Now.AddHours(-1);
        SyncRequest[] batches =
        [
            new(Phone, 0,
            [
                Note("h-a1", Phone, "n1", "phone draft 1", at.AddMinutes(1), (Phone, 1)),
                Note("h-a2", Phone, "n2", "phone n2", at.AddMinutes(2), (Phone, 2)),
            ]),
            new(Phone, 0,
            [
                Note("h-a3", Phone, "n1", "phone draft 2", at.AddMinutes(5), (Phone, 3)),
                Note("h-a4", Phone, "n3", null, at.AddMinutes(6), (Phone, 4), (Tablet, 1)),
            ]),
            new(Tablet, 0,
            [
                Note("h-b1", Tablet, "n3", "tablet n3", at.AddMinutes(3), (Tablet, 1)),
                Note("h-b2", Tablet, "n1", "tablet n1", at.AddMinutes(4), (Tablet, 2)),

                // Older than the phone's h-a2, but made after seeing it: it wins.
                Note("h-b3", Tablet, "n2", "tablet n2", at.AddMinutes(1), (Phone, 2), (Tablet, 3)),
            ]),
        ];

        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        var results = new List<string[]>();
        foreach (var order in orders)
        {
            var user = NewUser();
            foreach (var index in order)
            {
                await user.Sync(batches[index]);
            }

            results.Add(Entries(await user.Changes(0)));
        }

        results[0].ShouldBe(
        [
            "note/n1=phone draft 2 by h-a3 clock phone:3,tablet:2",
            "note/n2=tablet n2 by h-b3 clock phone:2,tablet:3",
            "note/n3=(deleted) by h-a4 clock phone:4,tablet:1",
        ]);
        results.ShouldAllBe(result => result.SequenceEqual(results[0]));
    }

    [Fact]
    public async Task Concurrent_edits_from_two_devices_resolve_the_same_whichever_arrives_first()
    {
        var at = cluster.Now.AddMinutes(-5);
        var phone = new SyncRequest(Phone, 0,
        [
            Note("h-p1", Phone, "n1", "from the phone", at, (Phone, 1)),
            Note("h-p2", Phone, "tie", "phone at the same instant", at, (Phone, 2)),
        ]);
        var tablet = new SyncRequest(Tablet, 0,
        [
            Note("h-t1", Tablet, "n1", "from the tablet", at.AddSeconds(1), (Tablet, 1)),
            Note("h-t2", Tablet, "tie", "tablet at the same instant", at, (Tablet, 2)),
        ]);

        var phoneFirst = NewUser();
        (await phoneFirst.Sync(phone)).Outcomes.ShouldAllBe(outcome => outcome.Status == MutationStatus.Applied);
        (await phoneFirst.Sync(tablet)).Outcomes.ShouldAllBe(outcome => outcome.Status == MutationStatus.Applied);

        var tabletFirst = NewUser();
        await tabletFirst.Sync(tablet);
        var phoneLate = await tabletFirst.Sync(phone);
        phoneLate.Outcomes.ShouldAllBe(outcome => outcome.Status == MutationStatus.Superseded);
        Values(phoneLate).ShouldBe(["n1=from the tablet", "tie=tablet at the same instant"], "the losing device is sent the winning values");

        // The later timestamp wins; at the same instant the greater device id ("tablet" > "phone").
        var expected = new[]
        {
            "note/n1=from the tablet by h-t1 clock phone:1,tablet:1",
            "note/tie=tablet at the same instant by h-t2 clock phone:2,tablet:2",
        };
        Entries(await phoneFirst.Changes(0)).Order(StringComparer.Ordinal).ShouldBe(expected);
        Entries(await tabletFirst.Changes(0)).Order(StringComparer.Ordinal).ShouldBe(expected);
    }

    [Fact]
    public async Task A_write_whose_clock_dominates_wins_even_with_an_older_timestamp()
    {
        var now = cluster.Now;
        var phone = new SyncRequest(Phone, 0, [Note("h-p1", Phone, "n1", "phone", now.AddMinutes(-1), (Phone, 1))]);

        // The tablet saw the phone's write, but its clock runs 30 minutes behind.
        var tablet = new SyncRequest(Tablet, 0, [Note("h-t1", Tablet, "n1", "tablet, after the phone", now.AddMinutes(-30), (Phone, 1), (Tablet, 1))]);

        var inOrder = NewUser();
        await inOrder.Sync(phone);
        (await inOrder.Sync(tablet)).Outcomes.Single().Status.ShouldBe(MutationStatus.Applied);

        var reversed = NewUser();
        await reversed.Sync(tablet);
        (await reversed.Sync(phone)).Outcomes.Single().Status.ShouldBe(MutationStatus.Superseded);

        var expected = "note/n1=tablet, after the phone by h-t1 clock phone:1,tablet:1";
        Entries(await inOrder.Changes(0)).ShouldBe([expected]);
        Entries(await reversed.Changes(0)).ShouldBe([expected]);
    }

    [Fact]
    public async Task A_device_whose_clock_runs_an_hour_ahead_does_not_win_over_a_later_write()
    {
        var user = NewUser();
        var receivedAt = cluster.Now;
        var skewed = await user.Sync(new SyncRequest(Phone, 0, [Note("h-p1", Phone, "n1", "skewed phone", receivedAt.AddHours(1), (Phone, 1))]));
        skewed.Changes.Single().Timestamp.ShouldBe(receivedAt, "a timestamp from the future counts as the time the server received it");

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await user.Sync(new SyncRequest(Tablet, 0, [Note("h-t1", Tablet, "n1", "later tablet", cluster.Now, (Tablet, 1))]));

        later.Outcomes.Single().Status.ShouldBe(MutationStatus.Applied);
        Values(await user.Changes(0)).ShouldBe(["n1=later tablet"]);
    }

    [Fact]
    public async Task A_cursor_returns_only_the_changes_after_it()
    {
        var user = NewUser();
        var at = cluster.Now.AddMinutes(-10);
        var first = await user.Sync(new SyncRequest(Phone, 0,
        [
            Note("h-1", Phone, "n1", "one", at, (Phone, 1)),
            Note("h-2", Phone, "n2", "two", at, (Phone, 2)),
        ]));
        first.Cursor.ShouldBe(2L);
        first.Changes.Select(change => change.Sequence).ShouldBe([1L, 2L]);

        var second = await user.Sync(new SyncRequest(Tablet, 0, [Note("h-3", Tablet, "n3", "three", at.AddMinutes(1), (Tablet, 1))]));
        second.Cursor.ShouldBe(3L);
        Values(second).ShouldBe(["n1=one", "n2=two", "n3=three"], "the tablet's first sync gets everything");

        var phoneAgain = await user.Sync(new SyncRequest(Phone, first.Cursor, []));
        Values(phoneAgain).ShouldBe(["n3=three"]);
        phoneAgain.Outcomes.ShouldBeEmpty();
        (await user.Changes(3)).Changes.ShouldBeEmpty();

        // An entry changed again moves after the others, and shows only its latest state.
        await user.Sync(new SyncRequest(Phone, 3, [Note("h-4", Phone, "n1", "one, edited", at.AddMinutes(2), (Phone, 3))]));
        var all = await user.Changes(0);
        all.Changes.Select(change => (change.Key, change.Sequence)).ShouldBe([("n2", 2L), ("n3", 3L), ("n1", 4L)]);
        Values(await user.Changes(3)).ShouldBe(["n1=one, edited"]);
    }

    [Fact]
    public async Task Acknowledged_mutations_survive_deactivation()
    {
        var user = NewUser();
        var at = cluster.Now.AddMinutes(-10);
        var batch = new SyncRequest(Phone, 0,
        [
            Note("h-1", Phone, "n1", "kept", at, (Phone, 1)),
            Note("h-2", Phone, "n2", null, at, (Phone, 2)),
        ]);
        var before = await user.Sync(batch);

        await cluster.DeactivateAsync(user);

        var after = await user.Changes(0);
        after.Cursor.ShouldBe(before.Cursor);
        Entries(after).ShouldBe(Entries(before));
        (await user.Sync(batch)).Outcomes.ShouldAllBe(outcome => outcome.Status == MutationStatus.Duplicate, "the seen hashes are stored too");
        var stored = (await cluster.ReadStoredAsync<SyncState>("sync", user.GetPrimaryKeyString(), "sync"))!;
        stored.LastSequence.ShouldBe(2L);
        stored.SeenTransactions.Order(StringComparer.Ordinal).ShouldBe(["h-1", "h-2"]);
    }

    public static TheoryData<SyncRequest, string> MalformedRequests()
    {
        var at = MarketplaceCluster.Epoch;
        var valid = Note("h-ok", Phone, "n9", "fine", at, (Phone, 5));
        var bad = Note("h-bad", Phone, "n9", "bad", at, (Phone, 6));
        SyncRequest Batch(ClientMutation? second) => new(Phone, 1, [valid, second!]);
        return new TheoryData<SyncRequest, string>
        {
            { new SyncRequest(" ", 1, [valid]), "Sync device id must not be empty." },
            { new SyncRequest(new string('d', 129), 1, [valid]), $"Sync device id '{new string('d', 129)}' is 129 characters long; at most 128 are allowed." },
            { new SyncRequest(Phone, -1, [valid]), "Sync cursor must be 0 or greater; it is -1." },
            { new SyncRequest(Phone, 99, [valid]), "Sync cursor 99 is ahead of the server, whose latest change is 1; sync again from cursor 0." },
            { new SyncRequest(Phone, 1, null!), "Sync mutations must not be null; send an empty list when there are none." },
            {
                new SyncRequest(Phone, 1, Enumerable.Range(0, 501).Select(i => valid with { TransactionHash = $"h-{i}" }).ToArray()),
                "A sync batch holds at most 500 mutations; this one holds 501."
            },
            { Batch(null), "Mutation #2 is null." },
            { Batch(bad with { TransactionHash = "" }), "Mutation #2 has no transaction hash." },
            { Batch(bad with { TransactionHash = new string('h', 129) }), "Mutation #2 transaction hash is 129 characters long; at most 128 are allowed." },
            {
                Batch(bad with { DeviceId = Tablet, VectorClock = Clock((Tablet, 1)) }),
                "Mutation #2 (transaction 'h-bad') comes from device 'tablet' but the batch from device 'phone'; a device sends only its own mutations."
            },
            { Batch(bad with { Entity = "" }), "Mutation #2 (transaction 'h-bad') entity must not be empty." },
            { Batch(bad with { Key = new string('k', 257) }), "Mutation #2 (transaction 'h-bad') key is 257 characters long; at most 256 are allowed." },
            { Batch(bad with { Value = new string('x', 65_537) }), "Mutation #2 (transaction 'h-bad') value is 65537 bytes long in UTF-8; at most 65536 are allowed." },
            { Batch(bad with { Value = new string('é', 32_769) }), "Mutation #2 (transaction 'h-bad') value is 65538 bytes long in UTF-8; at most 65536 are allowed." },
            { Batch(bad with { VectorClock = Clock() }), "Mutation #2 (transaction 'h-bad') has no vector clock; it must count at least its own device 'phone'." },
            {
                Batch(bad with { VectorClock = Clock((Phone, 6), (Tablet, -1)) }),
                "Mutation #2 (transaction 'h-bad') vector clock counts device 'tablet' at -1; counters must be 0 or greater."
            },
            {
                Batch(bad with { VectorClock = Clock((Tablet, 3)) }),
                "Mutation #2 (transaction 'h-bad') vector clock must count its own device 'phone' at 1 or more; it counts 0."
            },
            { Batch(bad with { VectorClock = Clock(("", 1), (Phone, 6)) }), "Mutation #2 (transaction 'h-bad') vector clock device id must not be empty." },
            {
                Batch(bad with { VectorClock = Clock([.. Enumerable.Range(0, 65).Select(i => ($"d{i}", 1L)), (Phone, 6)]) }),
                "Mutation #2 (transaction 'h-bad') vector clock names 66 devices; at most 64 are allowed."
            },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_batch_is_refused_naming_the_field_and_changes_nothing(SyncRequest request, string message)
    {
        var user = NewUser();
        var before = await user.Sync(new SyncRequest(Phone, 0, [Note("h-0", Phone, "n0", "before", MarketplaceCluster.Epoch, (Phone, 1))]));

        var error = await Should.ThrowAsync<ArgumentException>(() => user.Sync(request));

        error.Message.ShouldStartWith(message);
        var after = await user.Changes(0);
        after.Cursor.ShouldBe(before.Cursor);
        Entries(after).ShouldBe(Entries(before));
        var stored = (await cluster.ReadStoredAsync<SyncState>("sync", user.GetPrimaryKeyString(), "sync"))!;
        stored.SeenTransactions.ShouldBe(["h-0"], "the valid mutations of a refused batch are not marked as seen");
    }

    [Fact]
    public async Task A_malformed_key_or_cursor_fails_reads_too()
    {
        var noTenant = await Should.ThrowAsync<ArgumentException>(() => cluster.Grains.GetGrain<ISyncGrain>("ada").Changes(0));
        noTenant.Message.ShouldStartWith("Grain key 'ada' has no tenant; expected 'tenant/id'.");

        var negative = await Should.ThrowAsync<ArgumentException>(() => NewUser().Changes(-3));
        negative.Message.ShouldStartWith("Sync cursor must be 0 or greater; it is -3.");
    }

    private ISyncGrain NewUser() => cluster.Grains.GetGrain<ISyncGrain>(MarketplaceCluster.NewKey("user"));

    private static ClientMutation Note(string hash, string device, string key, string? value, DateTimeOffset at, params (string Device, long Counter)[] clock) =>
        new(hash, device, Clock(clock), "note", key, value, at);

    private static Dictionary<string, long> Clock(params (string Device, long Counter)[] counters) =>
        counters.ToDictionary(counter => counter.Device, counter => counter.Counter);

    private static string[] Values(SyncResult result) =>
        result.Changes.Select(change => $"{change.Key}={change.Value}").ToArray();

    // Everything two replicas must agree on; the sequence numbers depend on arrival order and are left out.
    private static string[] Entries(SyncResult result) =>
        result.Changes
            .Select(change =>
                $"{change.Entity}/{change.Key}={change.Value ?? "(deleted)"} by {change.TransactionHash} clock " +
                string.Join(',', change.VectorClock.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}:{pair.Value}")))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
