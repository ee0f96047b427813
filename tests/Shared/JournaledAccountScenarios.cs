using Orleans.TestingHost;
using Platform.EventSourcing;

namespace Platform.Tests.Shared;

/// <summary>
/// What an event-sourced grain on <see cref="JournaledGrainBase{TState, TEvent}"/> does, run on each journal (memory
/// and PostgreSQL) through one in-process cluster per test class.
/// </summary>
public abstract class JournaledAccountScenarios(InProcessTestCluster cluster)
{
    private readonly string _prefix = $"account-{Guid.NewGuid():N}";

    protected InProcessTestCluster Cluster { get; } = cluster;

    [Fact]
    public async Task The_state_is_the_fold_of_the_confirmed_events_and_the_stream_is_the_audit_trail()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var account = Account("fold");

        await account.Deposit(10, null);
        await account.Deposit(5, null);
        (await account.Withdraw(3)).ShouldBeTrue();
        await Should.ThrowAsync<InvalidOperationException>(() => account.Withdraw(100));

        (await account.Get()).ShouldBe(new AccountView(12, 3));
        var history = await account.GetHistory();
        history.Select(entry => (entry.Version, entry.Event)).ShouldBe([(1L, new Deposited(10)), (2L, new Deposited(5)), (3L, new Withdrawn(3))]);
        history.ShouldAllBe(entry => entry.Timestamp > before && entry.Timestamp < DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_reactivated_grain_folds_the_snapshot_and_the_events_after_it()
    {
        var account = Account("snapshots");
        for (var amount = 1; amount <= 7; amount++)
        {
            await account.Deposit(amount, null);
        }

        var snapshot = await Cluster.Journal().ReadSnapshotAsync(account.GetGrainId().ToString(), CancellationToken.None);
        snapshot.ShouldNotBeNull().Version.ShouldBe(6, "the account snapshots every 3 events");
        await account.Deactivate();

        (await account.Get()).ShouldBe(new AccountView(28, 7));
    }

    [Fact]
    public async Task A_deposit_retried_with_its_operation_id_is_made_once()
    {
        var account = Account("idempotent");

        (await account.Deposit(10, "payment-1")).ShouldBeTrue();
        (await account.Deposit(10, "payment-1")).ShouldBeFalse();
        (await account.Deposit(7, "payment-2")).ShouldBeTrue();
        await account.Deactivate();
        (await account.Deposit(10, "payment-1")).ShouldBeFalse("the operation id outlives the activation");

        (await account.Get()).ShouldBe(new AccountView(17, 2));
    }

    [Fact]
    public async Task A_retry_after_an_append_whose_reply_was_lost_finds_it_and_the_state_includes_it_once()
    {
        var account = Account("lost-reply");
        await account.Deposit(10, null);

        // The first attempt committed, but its reply never reached the grain, which still believes it is at version 1.
        await AppendBehindTheGrain(account, 1, new Deposited(5), "payment-9");

        (await account.Deposit(5, "payment-9")).ShouldBeFalse();
        (await account.Get()).ShouldBe(new AccountView(15, 2));
    }

    [Fact]
    public async Task A_stale_activation_gets_a_clash_re_reads_the_stream_and_loses_no_event()
    {
        var account = Account("stale");
        await account.Deposit(10, null);

        // Another activation of the same grain (say, on a silo with an older view) appends meanwhile.
        await AppendBehindTheGrain(account, 1, new Withdrawn(8), null);

        (await account.Withdraw(5)).ShouldBeFalse("the withdrawal was decided on a balance that is gone");
        (await account.Get()).ShouldBe(new AccountView(2, 2));
        await AppendBehindTheGrain(account, 2, new Deposited(1), null);
        (await account.Deposit(4, null)).ShouldBeTrue("an unconditional event is appended after the newer ones");
        (await account.Get()).ShouldBe(new AccountView(7, 4));
        (await account.GetHistory()).Select(entry => entry.Event).ShouldBe([new Deposited(10), new Withdrawn(8), new Deposited(1), new Deposited(4)]);
    }

    [Fact]
    public async Task An_operation_id_deposit_on_a_stale_activation_fails_naming_the_stream_and_both_versions()
    {
        var account = Account("stale-keyed");
        await account.Deposit(10, null);
        await AppendBehindTheGrain(account, 1, new Deposited(5), null);
        var stream = account.GetGrainId().ToString();

        var clash = await Should.ThrowAsync<JournalConcurrencyException>(() => account.Deposit(1, "payment-3"));

        clash.Message.ShouldBe(
            $"Append to stream '{stream}' expected version 1, but the stream is at version 2: another writer appended first. Re-read the stream and decide again.");
        (clash.StreamId, clash.ExpectedVersion, clash.ActualVersion).ShouldBe((stream, 1L, 2L));
        (await account.Deposit(1, "payment-3")).ShouldBeTrue("the clash did not spend the operation id");
        (await account.Get()).ShouldBe(new AccountView(16, 3));
    }

    protected IAccountGrain Account(string name) => Cluster.Client.GetGrain<IAccountGrain>($"{_prefix}-{name}");

    private Task AppendBehindTheGrain(IAccountGrain account, long expectedVersion, AccountEvent @event, string? idempotencyKey) =>
        Cluster.Journal().AppendAsync(
            account.GetGrainId().ToString(), expectedVersion, [EventSerializer<AccountEvent>.Default.Serialize(@event)], idempotencyKey, CancellationToken.None);
}
