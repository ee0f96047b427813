using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventSourcing;
using Platform.Runtime.Supervision;
using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;
using Platform.Tests.Shared;

namespace Platform.Runtime.Tests;

public sealed class EventSourcingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_state_is_the_fold_of_the_confirmed_events_and_the_stream_is_the_audit_trail()
    {
        var (cluster, _) = await StartAsync();
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("fold");

        await account.Deposit(10, null);
        await account.Deposit(5, null);
        await account.Withdraw(3);
        await Should.ThrowAsync<InvalidOperationException>(() => account.Withdraw(100));

        (await account.Get()).ShouldBe(new AccountView(12, 3));
        var history = await account.GetHistory();
        history.ShouldBe([
            new JournaledEvent<AccountEvent>(1, Start, new Deposited(10)),
            new JournaledEvent<AccountEvent>(2, Start, new Deposited(5)),
            new JournaledEvent<AccountEvent>(3, Start, new Withdrawn(3)),
        ]);
    }

    [Fact]
    public async Task A_reactivated_grain_loads_the_latest_snapshot_and_folds_only_the_events_after_it()
    {
        var (cluster, journal) = await StartAsync();
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("snapshots");
        for (var amount = 1; amount <= 7; amount++)
        {
            await account.Deposit(amount, null);
        }

        var stream = account.GetGrainId().ToString();
        (await journal.ReadSnapshotAsync(stream, CancellationToken.None)).ShouldNotBeNull().Version.ShouldBe(6, "a snapshot every 3 events");
        var readsBefore = journal.Reads.Count;

        await account.Deactivate();

        (await account.Get()).ShouldBe(new AccountView(28, 7));
        journal.Reads.Skip(readsBefore).ShouldBe(["snapshot", "stream after 6"]);
    }

    [Fact]
    public async Task A_stale_activation_cannot_append_and_the_grain_recovers_with_the_newer_events()
    {
        var (cluster, journal) = await StartAsync();
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("stale");
        await account.Deposit(10, null);
        var stream = account.GetGrainId().ToString();

        // Another activation of the same grain (say, on a silo with an older view) appends meanwhile.
        await journal.AppendAsync(stream, 1, [EventSerializer<AccountEvent>.Default.Serialize(new Deposited(5))], null, CancellationToken.None);

        var conflict = await Should.ThrowAsync<JournalConcurrencyException>(() => account.Deposit(1, null));
        conflict.Message.ShouldBe(
            $"Append to stream '{stream}' expected version 1, but the stream is at version 2: another writer appended first. Re-read the stream and decide again.");
        (await account.Get()).ShouldBe(new AccountView(15, 2), "the restarted activation re-read the stream");
        (await account.Deposit(1, null)).ShouldBeTrue();
        (await account.Get()).ShouldBe(new AccountView(16, 3));
    }

    [Fact]
    public async Task A_deposit_retried_with_its_operation_id_is_made_once()
    {
        var (cluster, _) = await StartAsync();
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("idempotent");

        (await account.Deposit(10, "payment-1")).ShouldBeTrue();
        (await account.Deposit(10, "payment-1")).ShouldBeFalse();
        (await account.Deposit(7, "payment-2")).ShouldBeTrue();

        (await account.Get()).ShouldBe(new AccountView(17, 2));
    }

    [Fact]
    public async Task A_retry_after_an_append_whose_outcome_was_lost_finds_the_append_and_the_state_includes_it_once()
    {
        var (cluster, journal) = await StartAsync();
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("lost-reply");
        await account.Deposit(10, null);
        var stream = account.GetGrainId().ToString();

        // The first attempt committed, but its reply never reached the grain, which still believes it is at version 1.
        await journal.AppendAsync(stream, 1, [EventSerializer<AccountEvent>.Default.Serialize(new Deposited(5))], "payment-9", CancellationToken.None);

        (await account.Deposit(5, "payment-9")).ShouldBeFalse();
        (await account.Get()).ShouldBe(new AccountView(15, 2));
    }

    [Fact]
    public async Task After_an_append_with_an_unknown_outcome_the_next_call_reads_what_the_journal_holds()
    {
        var (cluster, journal) = await StartAsync();
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("unknown-outcome");
        await account.Deposit(10, null);

        journal.LoseNextReply = true;
        await Should.ThrowAsync<IOException>(() => account.Deposit(5, null));

        (await account.Get()).ShouldBe(new AccountView(15, 2), "a fresh activation folded the committed deposit");
        await account.Deposit(1, null);
        (await account.Get()).ShouldBe(new AccountView(16, 3));
    }

    [Fact]
    public async Task A_grain_whose_journal_is_not_registered_fails_to_activate_naming_it()
    {
        var (cluster, _) = await StartAsync();
        await using var _ = cluster;

        var error = await Should.ThrowAsync<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<ILedgerGrain>("x").GetVersion());

        error.Message.ShouldContain("keeps its events in event journal 'Ledger', but no journal of that name is registered");
        error.Message.ShouldContain("silo.AddMemoryEventJournal(\"Ledger\")");
    }

    [Fact]
    public void A_journal_conflict_restarts_the_activation_by_default()
    {
        var policy = new SupervisionPolicy(SupervisionPolicy.DefaultRules, 5, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        policy.Decide(new JournalConcurrencyException("account/1", 1, 2)).ShouldBe(SupervisionDirective.Restart);
    }

    [Fact]
    public void Events_are_stored_under_their_declared_discriminator_and_read_back()
    {
        var serializer = EventSerializer<AccountEvent>.Default;

        var data = serializer.Serialize(new Withdrawn(2.5m));

        data.Type.ShouldBe("account.withdrawn");
        System.Text.Encoding.UTF8.GetString(data.Data.Span).ShouldBe("{\"amount\":2.5}");
        serializer.Deserialize(Recorded(data)).ShouldBe(new Withdrawn(2.5m));
        serializer.TryDeserialize(Recorded(new EventData("order.placed", "{}"u8.ToArray())), out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => serializer.Deserialize(Recorded(new EventData("order.placed", "{}"u8.ToArray()))))
            .Message.ShouldBe("Event 1 of stream 'account/1' has type 'order.placed', which AccountEvent does not declare.");
    }

    [Fact]
    public void Undeclared_events_and_families_without_discriminators_are_refused_with_the_fix()
    {
        Should.Throw<InvalidOperationException>(() => EventSerializer<AccountEvent>.Default.Serialize(new Refunded(1)))
            .Message.ShouldBe("Event type Refunded is not declared on AccountEvent: add [JsonDerivedType(typeof(Refunded), \"...\")] to AccountEvent.");
        Should.Throw<InvalidOperationException>(() => new EventSerializer<UndeclaredEvent>())
            .Message.ShouldStartWith("Event base type UndeclaredEvent declares no event types: add [JsonDerivedType(");
        Should.Throw<InvalidOperationException>(() => new EventSerializer<NumberedEvent>())
            .Message.ShouldBe("Event type Numbered of NumberedEvent needs a non-empty string discriminator in [JsonDerivedType]; it is stored as the event type.");
    }

    public sealed record Refunded(decimal Amount) : AccountEvent;

    public abstract record UndeclaredEvent;

    [JsonDerivedType(typeof(Numbered), 1)]
    public abstract record NumberedEvent;

    public sealed record Numbered : NumberedEvent;

    private static RecordedEvent Recorded(EventData data) => new("account/1", 1, 1, data.Type, data.Data, Start);

    private static async Task<(InProcessTestCluster Cluster, RecordingEventJournal Journal)> StartAsync()
    {
        var journal = new RecordingEventJournal(new ManualTimeProvider(Start));
        var cluster = await InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(EventSourcingTests).Assembly)
            .ConfigureServices(services => services.AddSingleton(new TestProbe()))
            .ConfigureSilo(silo => silo.Services.AddKeyedSingleton<IEventJournal>(IEventJournal.DefaultName, journal))
            .BuildAndStartAsync();
        return (cluster, journal);
    }
}
